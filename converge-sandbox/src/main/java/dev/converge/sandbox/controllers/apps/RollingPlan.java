package dev.converge.sandbox.controllers.apps;

import dev.converge.sandbox.controllers.runtime.Owners;
import dev.converge.sandbox.controllers.runtime.PodState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RollingPlan computes a rolling update's next ReplicaSet sizes, after upstream's
 * reconcileNewReplicaSet and reconcileOldReplicaSets: grow the new one while all pods stay
 * within replicas + maxSurge; shrink old ones (unhealthy first, oldest first) while available
 * pods stay at least replicas - maxUnavailable.
 *
 * <p>Availability is counted from the live pods, capped by each ReplicaSet's spec.replicas, so a
 * pod that its ReplicaSet is about to delete is never counted as available (status lags).
 */
final class RollingPlan {
  private final List<Pod> pods;
  private final int minReadySeconds;
  private final Instant now;

  RollingPlan(List<Pod> activePods, int minReadySeconds, Instant now) {
    this.pods = activePods;
    this.minReadySeconds = minReadySeconds;
    this.now = now;
  }

  /** Size for the new ReplicaSet ({@code null} when it does not exist yet). */
  int newReplicas(ReplicaSet newRs, List<ReplicaSet> all, int replicas,
      RollingMath.Limits limits) {
    int current = newRs == null ? 0 : spec(newRs);
    if (current >= replicas) {
      return replicas;
    }
    int maxTotal = replicas + limits.maxSurge();
    int total = all.stream().mapToInt(RollingPlan::spec).sum();
    if (total >= maxTotal) {
      return current;
    }
    return current + Math.min(maxTotal - total, replicas - current);
  }

  /** New sizes for old ReplicaSets that should shrink now. */
  Map<ReplicaSet, Integer> oldReplicas(ReplicaSet newRs, List<ReplicaSet> old, int replicas,
      RollingMath.Limits limits) {
    Map<ReplicaSet, Integer> out = new LinkedHashMap<>();
    int oldTotal = old.stream().mapToInt(RollingPlan::spec).sum();
    if (oldTotal == 0) {
      return out;
    }
    int allTotal = oldTotal + spec(newRs);
    int minAvailable = replicas - limits.maxUnavailable();
    int newUnavailable = spec(newRs) - available(newRs);
    int budget = allTotal - minAvailable - newUnavailable;
    List<ReplicaSet> oldestFirst = old.stream()
        .sorted(Comparator.comparing((ReplicaSet rs) -> rs.getMetadata().getCreationTimestamp())
            .thenComparingInt(DeploymentController::revision)).toList();
    Map<ReplicaSet, Integer> size = new LinkedHashMap<>();
    oldestFirst.forEach(rs -> size.put(rs, spec(rs)));
    // First drop old pods that are not available anyway: it costs no availability.
    for (ReplicaSet rs : oldestFirst) {
      if (budget <= 0) {
        break;
      }
      int unhealthy = size.get(rs) - available(rs);
      int cut = Math.min(budget, Math.max(unhealthy, 0));
      if (cut > 0) {
        size.put(rs, size.get(rs) - cut);
        budget -= cut;
      }
    }
    // Then scale down available old pods while enough stay available overall.
    int availableTotal = available(newRs)
        + oldestFirst.stream().mapToInt(rs -> Math.min(available(rs), size.get(rs))).sum();
    int scaleDown = availableTotal - minAvailable;
    for (ReplicaSet rs : oldestFirst) {
      if (scaleDown <= 0) {
        break;
      }
      int cut = Math.min(size.get(rs), scaleDown);
      size.put(rs, size.get(rs) - cut);
      scaleDown -= cut;
    }
    size.forEach((rs, n) -> {
      if (n != spec(rs)) {
        out.put(rs, n);
      }
    });
    return out;
  }

  /** Active pods controlled by any of {@code sets}. */
  int activePods(List<ReplicaSet> sets) {
    return (int) pods.stream().filter(p -> sets.stream()
        .anyMatch(rs -> Owners.controlledBy(p, rs.getMetadata().getUid()))).count();
  }

  private int available(ReplicaSet rs) {
    if (rs == null) {
      return 0;
    }
    int n = (int) pods.stream().filter(p -> Owners.controlledBy(p, rs.getMetadata().getUid()))
        .filter(p -> PodState.isAvailable(p, minReadySeconds, now)).count();
    return Math.min(n, spec(rs));
  }

  private static int spec(ReplicaSet rs) {
    return rs == null || rs.getSpec().getReplicas() == null ? 0 : rs.getSpec().getReplicas();
  }
}
