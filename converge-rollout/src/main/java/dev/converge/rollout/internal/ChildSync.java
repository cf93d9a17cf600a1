package dev.converge.rollout.internal;

import dev.converge.core.client.ApplyOption;
import dev.converge.core.client.DeleteOption;
import dev.converge.core.client.Kind;
import dev.converge.core.client.KubeOps;
import dev.converge.core.client.ListOption;
import dev.converge.rollout.api.NodeDeployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * ChildSync keeps the set of children right outside rollouts: the headless Service, one
 * StatefulSet per node (missing ones created), surplus nodes removed highest ordinal first.
 */
final class ChildSync {
  static final Kind<StatefulSet> STS = Kind.of(StatefulSet.class);
  /** How long teardown waits for each StatefulSet to be gone before the next one. */
  static final Duration DELETE_WAIT = Duration.ofSeconds(60);

  private final KubeOps ops;

  ChildSync(KubeOps ops) {
    this.ops = ops;
  }

  /** The NodeDeployment's StatefulSets (live), by ordinal. */
  List<StatefulSet> statefulSets(NodeDeployment nd) {
    return ops.list(STS, nd.getMetadata().getNamespace(), ListOption.labelSelector(
            Children.NAME_LABEL + "=" + nd.getMetadata().getName()))
        .stream().sorted(Comparator.comparingInt(ChildSync::ordinal)).toList();
  }

  void ensureService(NodeDeployment nd) {
    ops.apply(Children.headlessService(nd), ApplyOption.force());
  }

  /** Creates missing nodes at {@code hash} and removes surplus ones, highest ordinal first. */
  void sync(NodeDeployment nd, List<StatefulSet> existing, String hash, boolean applyAll) {
    int replicas = nd.getSpec().replicas();
    java.util.Set<Integer> present = new java.util.HashSet<>();
    existing.forEach(s -> present.add(ordinal(s)));
    for (int i = 0; i < replicas; i++) {
      if (applyAll || !present.contains(i)) {
        ops.apply(Children.statefulSet(nd, i, nd.getSpec().template(), hash), ApplyOption.force());
      }
    }
    existing.stream().filter(s -> ordinal(s) >= replicas)
        .sorted(Comparator.comparingInt(ChildSync::ordinal).reversed())
        .forEach(s -> ops.delete(s, DeleteOption.waitUntilGone(DELETE_WAIT)));
  }

  /** Teardown for deletion: every StatefulSet, highest ordinal first, each waited for. */
  void teardown(NodeDeployment nd) {
    List<StatefulSet> all = statefulSets(nd);
    for (int i = all.size() - 1; i >= 0; i--) {
      // Already gone counts as deleted: a child someone removed first is fine.
      ops.delete(all.get(i), DeleteOption.waitUntilGone(DELETE_WAIT));
    }
  }

  static int ordinal(StatefulSet s) {
    String v = s.getMetadata().getLabels() == null ? null
        : s.getMetadata().getLabels().get(Children.NODE_LABEL);
    try {
      return v == null ? Integer.MAX_VALUE : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  static int ready(StatefulSet s) {
    return s.getStatus() == null || s.getStatus().getReadyReplicas() == null ? 0
        : s.getStatus().getReadyReplicas();
  }
}
