package dev.converge.core.errors;

import org.jspecify.annotations.Nullable;

/**
 * A failure the DESIGN.md §2 table has no row for (e.g. HTTP 501, a 3xx, or an unknown client-side
 * exception). Terminal: retrying what is not understood could repeat a harmful write.
 */
public final class UnclassifiedException extends KubeApiException {

  UnclassifiedException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super(serverSaid(details, cause == null || cause.getMessage() == null
        ? "unexpected failure" : cause.getClass().getSimpleName() + ": " + cause.getMessage()),
        details, call, cause);
  }

  @Override
  public Recovery recovery() {
    return Recovery.NONE;
  }
}
