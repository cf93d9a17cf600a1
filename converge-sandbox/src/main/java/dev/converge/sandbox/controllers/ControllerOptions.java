package dev.converge.sandbox.controllers;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * ControllerOptions configure the simulated controllers at start. Immutable; each
 * {@code with...} returns a changed copy. The delays, pauses and slowdowns can also be changed
 * at runtime through {@link ControllerManager}.
 *
 * @param nodes fake nodes {@code node-1..node-N} created at start (DaemonSets run one pod each)
 * @param podStartDelay time from scheduling until a pod's containers run and are ready
 * @param podRunTime time a run-to-completion pod (a Job's) runs before it terminates
 * @param failureBackoff first back-off of failing containers; it doubles up to ten times that
 * @param pausedKinds kinds paused before the controllers see any object
 * @param slowedKinds kinds slowed by an extra delay from the start
 * @param workers threads that reconcile, shared by all kinds; one key never runs on two
 */
public record ControllerOptions(int nodes, Duration podStartDelay, Duration podRunTime,
    Duration failureBackoff, Set<String> pausedKinds, Map<String, Duration> slowedKinds,
    int workers) {
  /** One node, like a kind cluster, so DaemonSets are cheap by default. */
  public static final int DEFAULT_NODES = 1;
  /**
   * A kube-controller-manager runs 5 workers for Deployments and 5 for ReplicaSets; 4 shared
   * ones let a burst of objects progress side by side without tying up the CPU.
   */
  public static final int DEFAULT_WORKERS = 4;

  public ControllerOptions {
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes < 1: " + nodes);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers < 1: " + workers);
    }
    Objects.requireNonNull(podStartDelay, "podStartDelay == null");
    Objects.requireNonNull(podRunTime, "podRunTime == null");
    Objects.requireNonNull(failureBackoff, "failureBackoff == null");
    pausedKinds = Set.copyOf(pausedKinds);
    slowedKinds = Map.copyOf(slowedKinds);
  }

  /**
   * One node, pods ready after 200 ms, Job pods done after 500 ms, back-off from 1 s, 4
   * workers.
   */
  public static ControllerOptions defaults() {
    return new ControllerOptions(DEFAULT_NODES, Duration.ofMillis(200), Duration.ofMillis(500),
        Duration.ofSeconds(1), Set.of(), Map.of(), DEFAULT_WORKERS);
  }

  public ControllerOptions withNodes(int n) {
    return new ControllerOptions(n, podStartDelay, podRunTime, failureBackoff, pausedKinds,
        slowedKinds, workers);
  }

  public ControllerOptions withPodStartDelay(Duration d) {
    return new ControllerOptions(nodes, d, podRunTime, failureBackoff, pausedKinds, slowedKinds,
        workers);
  }

  public ControllerOptions withPodRunTime(Duration d) {
    return new ControllerOptions(nodes, podStartDelay, d, failureBackoff, pausedKinds,
        slowedKinds, workers);
  }

  public ControllerOptions withFailureBackoff(Duration d) {
    return new ControllerOptions(nodes, podStartDelay, podRunTime, d, pausedKinds, slowedKinds,
        workers);
  }

  /** Starts with {@code kind} paused, so not even the first reconcile of its objects runs. */
  public ControllerOptions withPaused(String kind) {
    Set<String> paused = new TreeSet<>(pausedKinds);
    paused.add(kind);
    return new ControllerOptions(nodes, podStartDelay, podRunTime, failureBackoff, paused,
        slowedKinds, workers);
  }

  /** Starts with {@code kind} slowed by {@code extraDelay}. */
  public ControllerOptions withSlowed(String kind, Duration extraDelay) {
    Map<String, Duration> slowed = new LinkedHashMap<>(slowedKinds);
    slowed.put(kind, extraDelay);
    return new ControllerOptions(nodes, podStartDelay, podRunTime, failureBackoff, pausedKinds,
        slowed, workers);
  }

  /** Reconciles with {@code n} worker threads; 1 runs one reconciliation at a time. */
  public ControllerOptions withWorkers(int n) {
    return new ControllerOptions(nodes, podStartDelay, podRunTime, failureBackoff, pausedKinds,
        slowedKinds, n);
  }
}
