package dev.converge.core.status;

/**
 * Status is the closed vocabulary of readiness outcomes for one Kubernetes object.
 *
 * <p>What each value tells a waiter: {@link #CURRENT} stop waiting, the object is ready; {@link
 * #IN_PROGRESS} keep waiting; {@link #FAILED} stop waiting, it will not become ready without a
 * change; {@link #TERMINATING} it is being deleted; {@link #NOT_FOUND} it does not exist; {@link
 * #UNKNOWN} the status could not be computed (the result says why).
 */
public enum Status {
  CURRENT,
  IN_PROGRESS,
  FAILED,
  TERMINATING,
  NOT_FOUND,
  UNKNOWN;

  /** True when waiting longer cannot change the outcome without a new change to the object. */
  public boolean isTerminal() {
    return this == CURRENT || this == FAILED;
  }
}
