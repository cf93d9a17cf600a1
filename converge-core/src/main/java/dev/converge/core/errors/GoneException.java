package dev.converge.core.errors;

import org.jspecify.annotations.Nullable;

/** A list or watch asked for a resourceVersion that has been compacted away: HTTP 410. Recover by relisting. */
public final class GoneException extends KubeApiException {

  GoneException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super(serverSaid(details, "the resourceVersion is too old") + "; relist and rewatch from a fresh resourceVersion", details, call, cause);
  }

  @Override
  public Recovery recovery() {
    return Recovery.RELIST;
  }
}
