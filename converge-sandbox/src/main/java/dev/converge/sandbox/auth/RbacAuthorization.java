package dev.converge.sandbox.auth;

import dev.converge.sandbox.api.ResourceRegistry;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.http.ApiServer;
import dev.converge.sandbox.http.Authenticator;
import dev.converge.sandbox.server.Operations;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * RbacAuthorization wires authentication identities and RBAC authorization into a sandbox: it
 * indexes the stored RBAC objects, creates the bootstrap policy, authorizes every request the
 * API server receives, serves the access review and TokenRequest endpoints, and mints
 * ServiceAccount tokens.
 *
 * <pre>{@code
 * RbacAuthorization rbac = RbacAuthorization.install(operations, authenticator, apiServer, clock);
 * String token = rbac.serviceAccountToken("team-a", "deployer", Duration.ofHours(1)).token();
 * }</pre>
 */
public final class RbacAuthorization {
  private final RbacAuthorizer authorizer;
  private final ServiceAccountTokens tokens;

  private RbacAuthorization(RbacAuthorizer authorizer, ServiceAccountTokens tokens) {
    this.authorizer = authorizer;
    this.tokens = tokens;
  }

  /** Installs authorization on {@code server}; call before it starts serving. */
  public static RbacAuthorization install(Operations ops, Authenticator authenticator,
      ApiServer server, Clock clock) {
    RbacIndex index = RbacIndex.following(ops.store());
    BootstrapPolicy.ensure(ops);
    registerReviewTypes(ops.registry());
    RbacAuthorizer authorizer = new RbacAuthorizer(index);
    ServiceAccountTokens tokens = new ServiceAccountTokens(ops.store(), clock);
    authenticator.addTokenSource(tokens);
    server.setAuthorizer(new RbacRequestAuthorizer(authorizer));
    server.addFilter(new AuthEndpoints(authenticator, new AccessReviews(authorizer), tokens,
        clock));
    return new RbacAuthorization(authorizer, tokens);
  }

  /** Decides a request described in authorization terms, as the API server would. */
  public Decision authorize(Attributes attributes) {
    return authorizer.authorize(attributes);
  }

  /**
   * Mints a bearer token that authenticates as the ServiceAccount {@code namespace/name}.
   *
   * @throws dev.converge.sandbox.api.ApiException 404 when the ServiceAccount does not exist
   */
  public ServiceAccountToken serviceAccountToken(String namespace, String name, Duration ttl) {
    return tokens.mint(namespace, name, ttl);
  }

  /** The review kinds are create-only and never stored, but discovery must list them. */
  private static void registerReviewTypes(ResourceRegistry registry) {
    String authz = "authorization.k8s.io";
    String authn = "authentication.k8s.io";
    for (ResourceType t : List.of(
        review(authz, "SelfSubjectAccessReview", "selfsubjectaccessreviews", false),
        review(authz, "SubjectAccessReview", "subjectaccessreviews", false),
        review(authz, "SelfSubjectRulesReview", "selfsubjectrulesreviews", false),
        review(authz, "LocalSubjectAccessReview", "localsubjectaccessreviews", true),
        review(authn, "SelfSubjectReview", "selfsubjectreviews", false),
        review(authn, "TokenReview", "tokenreviews", false))) {
      if (registry.byPath(t.group(), t.version(), t.plural()).isEmpty()) {
        registry.register(t);
      }
    }
  }

  private static ResourceType review(String group, String kind, String plural,
      boolean namespaced) {
    return new ResourceType(group, "v1", kind, plural, namespaced, List.of(), List.of(), false,
        false);
  }
}
