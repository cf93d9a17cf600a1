package dev.converge.core.errors;

import org.jspecify.annotations.Nullable;

/**
 * The API calls succeeded but the cluster did not reach the desired state: an object never became
 * ready, a rollout failed, or a deletion was blocked. Terminal for the operation that raised it
 * (it already waited as long as it was allowed to); the subclass says what was observed.
 */
public abstract sealed class ConvergenceException extends ConvergeException
    permits NotReadyException, RolloutFailedException, DeleteNotCompleteException {

  ConvergenceException(String what, String reason, CallInfo call, @Nullable Throwable cause) {
    super(describe(call, ErrorDetails.transport(0, reason, null), what),
        ErrorDetails.transport(0, reason, null), call, cause);
  }

  @Override
  public Recovery recovery() {
    return Recovery.NONE;
  }
}
