package dev.converge.rollout;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link RolloutOperator} runs; immutable, defaults in {@link #defaults()}.
 *
 * @param namespaces namespaces watched; empty means all
 * @param userAgent User-Agent of the operator's requests (fault rules match it with
 *     {@code client=})
 * @param leaseNamespace when set, leader election through Lease {@value #LEASE_NAME} there
 * @param identity this replica's identity in the Lease
 * @param leaseDuration how long a leader's Lease holds without renewal
 * @param metricsPort when set, Prometheus text on {@code http://127.0.0.1:port/metrics} (0 picks one)
 * @param reconcileThreads concurrent reconciles
 * @param clock time source for stall detection and timestamps
 * @param exitOnLostLease exit the process when the Lease is lost (JOSDK's production behaviour:
 *     the Deployment restarts it); embedders and tests turn it off
 * @param cachedTaskReads the known-wrong cached-read variant of replace-pod/observe-image; tests
 *     only (package-private switch {@link #withCachedTaskReads()})
 */
public record OperatorOptions(Set<String> namespaces, String userAgent,
    @Nullable String leaseNamespace, String identity, Duration leaseDuration,
    @Nullable Integer metricsPort, int reconcileThreads, Clock clock, boolean exitOnLostLease,
    boolean cachedTaskReads) {
  public static final String LEASE_NAME = "converge-rollout-operator";
  public static final String DEFAULT_USER_AGENT = "converge-rollout";
  /** client-go's leader election default. */
  public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);

  public OperatorOptions {
    namespaces = Set.copyOf(namespaces);
    if (reconcileThreads < 1) {
      throw new IllegalArgumentException("reconcileThreads < 1: " + reconcileThreads);
    }
  }

  public static OperatorOptions defaults() {
    return new OperatorOptions(Set.of(), DEFAULT_USER_AGENT, null,
        DEFAULT_USER_AGENT + "-" + ProcessHandle.current().pid(), DEFAULT_LEASE_DURATION, null,
        10, Clock.systemUTC(), true, false);
  }

  public OperatorOptions withNamespaces(Set<String> ns) {
    return new OperatorOptions(ns, userAgent, leaseNamespace, identity, leaseDuration,
        metricsPort, reconcileThreads, clock, exitOnLostLease, cachedTaskReads);
  }

  public OperatorOptions withUserAgent(String ua) {
    return new OperatorOptions(namespaces, ua, leaseNamespace, identity, leaseDuration,
        metricsPort, reconcileThreads, clock, exitOnLostLease, cachedTaskReads);
  }

  /** Leader election in {@code namespace} as {@code id}, Lease held {@code duration}. */
  public OperatorOptions withLeaderElection(String namespace, String id, Duration duration) {
    return new OperatorOptions(namespaces, userAgent, namespace, id, duration, metricsPort,
        reconcileThreads, clock, exitOnLostLease, cachedTaskReads);
  }

  public OperatorOptions withMetricsPort(int port) {
    return new OperatorOptions(namespaces, userAgent, leaseNamespace, identity, leaseDuration,
        port, reconcileThreads, clock, exitOnLostLease, cachedTaskReads);
  }

  public OperatorOptions withReconcileThreads(int n) {
    return new OperatorOptions(namespaces, userAgent, leaseNamespace, identity, leaseDuration,
        metricsPort, n, clock, exitOnLostLease, cachedTaskReads);
  }

  public OperatorOptions withClock(Clock c) {
    return new OperatorOptions(namespaces, userAgent, leaseNamespace, identity, leaseDuration,
        metricsPort, reconcileThreads, c, exitOnLostLease, cachedTaskReads);
  }

  /** Keeps running after losing the Lease (the operator then stops acting only when closed). */
  public OperatorOptions withoutExitOnLostLease() {
    return new OperatorOptions(namespaces, userAgent, leaseNamespace, identity, leaseDuration,
        metricsPort, reconcileThreads, clock, false, cachedTaskReads);
  }

  OperatorOptions withCachedTaskReads() {
    return new OperatorOptions(namespaces, userAgent, leaseNamespace, identity, leaseDuration,
        metricsPort, reconcileThreads, clock, exitOnLostLease, true);
  }
}
