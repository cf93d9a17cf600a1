package dev.converge.core.status;

import java.time.Duration;
import java.util.Objects;

/**
 * ReadinessOptions holds the tunable policy of the readiness model.
 *
 * @param podFailureGrace how long a container may sit in a failing waiting reason
 *     (CrashLoopBackOff, ImagePullBackOff, ...) counted from the pod's start before it is FAILED
 */
public record ReadinessOptions(Duration podFailureGrace) {

  /**
   * Default grace: 30 s covers a registry that is still receiving a just-pushed image and a
   * dependency that comes up a few seconds late (the kubelet's first back-off steps are 10 s and 20
   * s), yet fails a bad image long before a Deployment's 600 s progress deadline.
   */
  public static final Duration DEFAULT_POD_FAILURE_GRACE = Duration.ofSeconds(30);

  public static final ReadinessOptions DEFAULTS = new ReadinessOptions(DEFAULT_POD_FAILURE_GRACE);

  public ReadinessOptions {
    Objects.requireNonNull(podFailureGrace, "podFailureGrace == null");
    if (podFailureGrace.isNegative()) {
      throw new IllegalArgumentException("podFailureGrace < 0: " + podFailureGrace);
    }
  }

  public ReadinessOptions withPodFailureGrace(Duration grace) {
    return new ReadinessOptions(grace);
  }
}
