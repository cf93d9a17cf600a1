package dev.converge.core.errors;

import org.jspecify.annotations.Nullable;

/**
 * The API server did not accept the client's credentials: HTTP 401. Terminal; the message points
 * at the kubeconfig credentials, naming the server, context and user when the client knows them
 * ({@link #withEndpoint}).
 */
public final class UnauthorizedException extends KubeApiException {

  private static final String WHAT = "the API server rejected the credentials";
  private static final String CHECK = "check the token or client certificate";
  private static final String WHY = " (expired, revoked, or meant for another cluster?)";

  UnauthorizedException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super(WHAT + "; " + CHECK + " in the kubeconfig" + WHY, details, call, cause);
  }

  private UnauthorizedException(String what, ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super(what, details, call, cause);
  }

  @Override
  public Recovery recovery() {
    return Recovery.NONE;
  }

  /** The same failure, its message naming the server and where its credentials came from. */
  public UnauthorizedException withEndpoint(Endpoint endpoint) {
    UnauthorizedException e = new UnauthorizedException(WHAT + " of " + endpoint.server() + "; "
        + CHECK + " of " + endpoint.credentials() + WHY, details(), call(), getCause());
    e.setStackTrace(getStackTrace());
    return e;
  }
}
