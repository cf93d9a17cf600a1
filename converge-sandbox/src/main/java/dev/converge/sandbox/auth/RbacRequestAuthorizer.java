package dev.converge.sandbox.auth;

import dev.converge.sandbox.http.ApiServer;
import dev.converge.sandbox.http.Authenticator;
import io.vertx.core.http.HttpServerRequest;

/**
 * RbacRequestAuthorizer is the API server's authorization step: it describes the HTTP request as
 * {@link Attributes}, asks the {@link RbacAuthorizer}, and answers 403 Forbidden when denied.
 * Members of {@code system:masters} pass before the request is even parsed.
 */
final class RbacRequestAuthorizer implements ApiServer.RequestAuthorizer {
  private final RbacAuthorizer authorizer;

  RbacRequestAuthorizer(RbacAuthorizer authorizer) {
    this.authorizer = authorizer;
  }

  @Override
  public void authorize(HttpServerRequest request, Authenticator.User user) {
    if (user.groups().contains(RbacAuthorizer.MASTERS)) {
      return;
    }
    Attributes a = HttpAttributes.of(user.name(), user.groups(), request.method().name(),
        request.path(), request::getParam);
    Decision decision = authorizer.authorize(a);
    if (!decision.allowed()) {
      throw Forbidden.of(a, decision.reason());
    }
  }
}
