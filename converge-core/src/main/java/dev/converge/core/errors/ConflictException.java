package dev.converge.core.errors;

import org.jspecify.annotations.Nullable;

/** A write lost an optimistic-concurrency race (stale resourceVersion): HTTP 409 reason Conflict. Recover by re-reading the object and re-applying the change, a bounded number of times. */
public final class ConflictException extends KubeApiException {

  ConflictException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super(serverSaid(details, "the object was modified") + "; re-read it and re-apply the change", details, call, cause);
  }

  @Override
  public Recovery recovery() {
    return Recovery.REREAD;
  }
}
