package dev.converge.rollout.internal;

import dev.converge.rollout.api.Plan;
import java.time.Duration;
import java.time.Instant;

/** Stalls tells whether an active plan went longer than its progress deadline without progress. */
public final class Stalls {
  private Stalls() {}

  public static boolean isStalled(Plan plan, Duration deadline, Instant now) {
    return plan.phase() == Plan.Phase.Active
        && Instant.parse(plan.lastProgressAt()).plus(deadline).isBefore(now);
  }

  /** Time left until the plan counts as stalled (zero when it already does). */
  public static Duration untilStalled(Plan plan, Duration deadline, Instant now) {
    Duration left = Duration.between(now, Instant.parse(plan.lastProgressAt()).plus(deadline));
    return left.isNegative() ? Duration.ZERO : left;
  }
}
