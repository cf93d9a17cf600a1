package dev.converge.core.status;

import java.time.Duration;
import java.util.Objects;

/**
 * ReadinessOptions holds the tunable policy of the readiness model.
 *
 * @param podFailureGrace how long a container may sit in a failing waiting reason
 *     (CrashLoopBackOff, ImagePullBackOff, ...) counted from the pod's start before it is FAILED
 * @param statusGrace how long a custom resource whose definition declares a status subresource
 *     may go without any status, counted from its creation, before it is judged by existence alone
 */
public record ReadinessOptions(Duration podFailureGrace, Duration statusGrace) {

  /**
   * Default grace: 30 s covers a registry that is still receiving a just-pushed image and a
   * dependency that comes up a few seconds late (the kubelet's first back-off steps are 10 s and 20
   * s), yet fails a bad image long before a Deployment's 600 s progress deadline.
   */
  public static final Duration DEFAULT_POD_FAILURE_GRACE = Duration.ofSeconds(30);

  /**
   * Default status grace: a running controller writes a first status within seconds of seeing an
   * object, so 20 s without any tells that no controller for the kind is installed (e.g. Gateway
   * API routes on a cluster without a gateway). Waiting on would only end in a timeout; like
   * kstatus, such an object is then CURRENT by existence, with a reason that says so.
   */
  public static final Duration DEFAULT_STATUS_GRACE = Duration.ofSeconds(20);

  public static final ReadinessOptions DEFAULTS =
      new ReadinessOptions(DEFAULT_POD_FAILURE_GRACE, DEFAULT_STATUS_GRACE);

  public ReadinessOptions {
    Objects.requireNonNull(podFailureGrace, "podFailureGrace == null");
    Objects.requireNonNull(statusGrace, "statusGrace == null");
    if (podFailureGrace.isNegative()) {
      throw new IllegalArgumentException("podFailureGrace < 0: " + podFailureGrace);
    }
    if (statusGrace.isNegative()) {
      throw new IllegalArgumentException("statusGrace < 0: " + statusGrace);
    }
  }

  public ReadinessOptions withPodFailureGrace(Duration grace) {
    return new ReadinessOptions(grace, statusGrace);
  }

  public ReadinessOptions withStatusGrace(Duration grace) {
    return new ReadinessOptions(podFailureGrace, grace);
  }
}
