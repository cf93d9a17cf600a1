package dev.converge.core.errors;

import org.jspecify.annotations.Nullable;

/** The API server (or a proxy in front of it) failed: HTTP 500, 502 or 503. Retried only for calls that are safe to repeat, since the request may have been applied. */
public final class ServerErrorException extends KubeApiException {

  ServerErrorException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super(serverSaid(details, "the API server failed") + "; the change may or may not have been made", details, call, cause);
  }

  @Override
  public Recovery recovery() {
    return Recovery.RETRY;
  }
}
