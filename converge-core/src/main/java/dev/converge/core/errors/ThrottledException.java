package dev.converge.core.errors;

import org.jspecify.annotations.Nullable;

/** The API server is shedding load: HTTP 429 (max-in-flight or API Priority and Fairness). The request was rejected before it ran, so any call may be retried, after {@link #retryAfter()} when the server said. */
public final class ThrottledException extends KubeApiException {

  ThrottledException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super(serverSaid(details, "too many requests") + "; the API server is throttling this client", details, call, cause);
  }

  @Override
  public Recovery recovery() {
    return Recovery.RETRY;
  }

  @Override
  public boolean notProcessed() {
    // max-in-flight, APF and admission reject before anything is persisted.
    return true;
  }
}
