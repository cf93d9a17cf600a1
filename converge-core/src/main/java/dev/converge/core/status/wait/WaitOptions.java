package dev.converge.core.status.wait;

import dev.converge.core.status.ReadinessOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * WaitOptions holds the policy of one wait.
 *
 * @param timeout how long the whole wait may take; objects not done by then time out
 * @param perObjectTimeout how long each object may take, counted from the start of the wait;
 *     never longer than {@code timeout} in effect
 * @param goal ready (default) or deleted
 * @param readiness the readiness model's policy (the grace period of failing pods)
 * @param watchEvents whether to watch Events so that failure and timeout reports carry Warnings
 */
public record WaitOptions(
    Duration timeout,
    Duration perObjectTimeout,
    Goal goal,
    ReadinessOptions readiness,
    boolean watchEvents) {

  /**
   * Five minutes: long enough for image pulls and rolling updates of a few dozen pods, short
   * enough that a stuck apply in CI reports before the job's own limit.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  public static final WaitOptions DEFAULTS =
      new WaitOptions(
          DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, Goal.READY, ReadinessOptions.DEFAULTS, true);

  public WaitOptions {
    Objects.requireNonNull(timeout, "timeout == null");
    Objects.requireNonNull(perObjectTimeout, "perObjectTimeout == null");
    Objects.requireNonNull(goal, "goal == null");
    Objects.requireNonNull(readiness, "readiness == null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout <= 0: " + timeout);
    }
    if (perObjectTimeout.isNegative() || perObjectTimeout.isZero()) {
      throw new IllegalArgumentException("perObjectTimeout <= 0: " + perObjectTimeout);
    }
  }

  /** Sets both the overall and the per-object timeout. */
  public WaitOptions withTimeout(Duration overall) {
    return new WaitOptions(overall, overall, goal, readiness, watchEvents);
  }

  public WaitOptions withPerObjectTimeout(Duration each) {
    return new WaitOptions(timeout, each, goal, readiness, watchEvents);
  }

  public WaitOptions withGoal(Goal newGoal) {
    return new WaitOptions(timeout, perObjectTimeout, newGoal, readiness, watchEvents);
  }

  public WaitOptions withReadiness(ReadinessOptions options) {
    return new WaitOptions(timeout, perObjectTimeout, goal, options, watchEvents);
  }

  public WaitOptions withWatchEvents(boolean watch) {
    return new WaitOptions(timeout, perObjectTimeout, goal, readiness, watch);
  }
}
