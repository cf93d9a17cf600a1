package dev.converge.core.errors;

import org.jspecify.annotations.Nullable;

/**
 * The API server did not accept the client's credentials: HTTP 401. Terminal; the message points
 * at the kubeconfig credentials.
 */
public final class UnauthorizedException extends KubeApiException {

  UnauthorizedException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super("the API server rejected the credentials; check the token or client certificate"
        + " in the kubeconfig (expired, revoked, or meant for another cluster?)", details, call, cause);
  }

  @Override
  public Recovery recovery() {
    return Recovery.NONE;
  }
}
