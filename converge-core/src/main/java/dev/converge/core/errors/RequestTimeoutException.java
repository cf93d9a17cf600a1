package dev.converge.core.errors;

import org.jspecify.annotations.Nullable;

/** The request timed out: HTTP 408, 504, a 500 with reason ServerTimeout, or a client-side timeout. Retried only for calls that are safe to repeat. */
public final class RequestTimeoutException extends KubeApiException {

  RequestTimeoutException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super(serverSaid(details, "the request timed out") + "; the change may or may not have been made", details, call, cause);
  }

  @Override
  public Recovery recovery() {
    return Recovery.RETRY;
  }
}
