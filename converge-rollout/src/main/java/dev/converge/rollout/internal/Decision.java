package dev.converge.rollout.internal;

import dev.converge.rollout.api.NodeDeploymentStatus;
import dev.converge.rollout.api.Plan;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decision is what a reconcile does with the template hash it sees, decided from status alone.
 * One rung per case, in the order they are checked.
 */
public enum Decision {
  /** Nothing deployed yet: the template becomes the baseline, children are created. */
  INITIAL,
  /** A rollout is active and the hash moved (including back to the baseline): replace the plan. */
  SUPERSEDE,
  /** A rollout is active toward this hash: run its next tasks. */
  CONTINUE,
  /** No rollout, a new hash (or a retry was asked for): start one. */
  START,
  /** The last rollout failed toward this very hash: stay Degraded until told otherwise. */
  HOLD_FAILED,
  /** Nothing to roll out: keep the children as they are, scaling if needed. */
  STEADY;

  public static Decision of(NodeDeploymentStatus status, String hash,
      @Nullable String retryAnnotation) {
    if (status.currentHash() == null) {
      return INITIAL;
    }
    if (status.rollout() != null) {
      // Any change of target supersedes: a revert to fromHash must still re-roll the nodes
      // already moved (the reference implementation let the old plan finish instead).
      return status.rollout().targetHash().equals(hash) ? CONTINUE : SUPERSEDE;
    }
    if (hash.equals(status.currentHash())) {
      return STEADY;
    }
    boolean failedBefore = hash.equals(status.failedHash());
    if (failedBefore && !retryRequested(status, retryAnnotation)) {
      return HOLD_FAILED;
    }
    return START;
  }

  /** Whether the retry annotation carries a value not acted on yet. */
  public static boolean retryRequested(NodeDeploymentStatus status,
      @Nullable String retryAnnotation) {
    return retryAnnotation != null && !Objects.equals(retryAnnotation, status.retryToken());
  }

  /** Whether the status holds a failed plan that keeps the phase Degraded. */
  static boolean failedPlan(NodeDeploymentStatus status) {
    return status.plan() != null && status.plan().phase() == Plan.Phase.Failed;
  }
}
