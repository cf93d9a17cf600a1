package dev.converge.core.errors;

import java.util.Locale;

/**
 * The API server could not be reached or the connection broke: refused, reset, closed, DNS
 * failure, socket timeout (found anywhere in the cause chain). Retried for calls that are safe to
 * repeat; a POST only when the failure happened before the request was sent.
 */
public final class NetworkException extends KubeApiException {

  private final NetworkFailure failure;

  NetworkException(NetworkFailure failure, CallInfo call, Throwable cause) {
    super(explain(failure, cause), ErrorDetails.transport(0, "NetworkError", cause.getMessage()), call, cause);
    this.failure = failure;
  }

  @Override
  public Recovery recovery() {
    return Recovery.RETRY;
  }

  @Override
  public boolean notProcessed() {
    return failure.beforeRequestSent();
  }

  public NetworkFailure failure() {
    return failure;
  }

  private static String explain(NetworkFailure failure, Throwable cause) {
    String what = failure.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return "network error (" + what + "): " + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }
}
