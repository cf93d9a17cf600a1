package dev.converge.core.errors;

import java.util.List;

/**
 * A rollout failed fast, without waiting for its deadline: e.g. a Deployment whose Progressing
 * condition says ProgressDeadlineExceeded, or a pod stuck in ImagePullBackOff. Lists the reasons.
 */
public final class RolloutFailedException extends ConvergenceException {

  private final List<String> reasons;

  private RolloutFailedException(ObjectRef ref, List<String> reasons) {
    super("rollout failed: " + String.join("; ", reasons), "RolloutFailed",
        CallInfo.of("rollout", ref), null);
    this.reasons = List.copyOf(reasons);
  }

  public static RolloutFailedException of(ObjectRef ref, List<String> reasons) {
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("reasons is empty: a failed rollout must say why");
    }
    return new RolloutFailedException(ref, reasons);
  }

  public List<String> reasons() {
    return reasons;
  }
}
