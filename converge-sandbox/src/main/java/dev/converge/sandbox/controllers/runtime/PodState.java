package dev.converge.sandbox.controllers.runtime;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.Optional;

/** PodState answers the questions controllers ask about a pod: active, ready, available. */
public final class PodState {
  private PodState() {}

  /** Not terminating and not finished: counts towards a controller's replicas. */
  public static boolean isActive(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return pod.getMetadata().getDeletionTimestamp() == null && !"Succeeded".equals(phase)
        && !"Failed".equals(phase);
  }

  public static boolean isReady(Pod pod) {
    return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** Ready for at least {@code minReadySeconds} at {@code now}. */
  public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
    Optional<PodCondition> ready = readyCondition(pod).filter(c -> "True".equals(c.getStatus()));
    if (ready.isEmpty()) {
      return false;
    }
    if (minReadySeconds <= 0) {
      return true;
    }
    String since = ready.get().getLastTransitionTime();
    return since != null && !Instant.parse(since).plusSeconds(minReadySeconds).isAfter(now);
  }

  public static String phase(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending"
        : pod.getStatus().getPhase();
  }

  private static Optional<PodCondition> readyCondition(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
        .findFirst();
  }
}
