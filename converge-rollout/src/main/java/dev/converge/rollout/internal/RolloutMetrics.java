package dev.converge.rollout.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RolloutMetrics: rollout duration (timer tagged by outcome), rollouts stalled now (gauge),
 * reconcile errors (counter).
 */
public final class RolloutMetrics {
  public static final String DURATION = "converge.rollout.duration";
  public static final String STALLED = "converge.rollouts.stalled";
  public static final String ERRORS = "converge.reconcile.errors";

  private final MeterRegistry registry;
  private final Set<String> stalled = ConcurrentHashMap.newKeySet();
  private final Counter errors;

  public RolloutMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.errors = Counter.builder(ERRORS).description("reconciles that threw").register(registry);
    registry.gauge(STALLED, stalled, Set::size);
  }

  public void finished(String outcome, Duration took) {
    Timer.builder(DURATION).description("rollout start to completion or failure")
        .tag("outcome", outcome).register(registry).record(took);
  }

  /** Tracks whether the NodeDeployment {@code key} (namespace/name) is stalled now. */
  public void stalled(String key, boolean isStalled) {
    if (isStalled) {
      stalled.add(key);
    } else {
      stalled.remove(key);
    }
  }

  public void reconcileError() {
    errors.increment();
  }

  public MeterRegistry registry() {
    return registry;
  }
}
