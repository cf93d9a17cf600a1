package dev.converge.core.errors;

import org.jspecify.annotations.Nullable;

/** The API server does not serve the requested kind (discovery miss; e.g. a CRD not yet Established). Retried, a bounded number of times, since a CRD that was just created becomes served shortly. */
public final class NoMatchException extends KubeApiException {

  NoMatchException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super(serverSaid(details, "the kind is not served") + "; is its CustomResourceDefinition installed and Established?", details, call, cause);
  }

  @Override
  public Recovery recovery() {
    return Recovery.RETRY;
  }

  @Override
  public boolean notProcessed() {
    return true;
  }
}
