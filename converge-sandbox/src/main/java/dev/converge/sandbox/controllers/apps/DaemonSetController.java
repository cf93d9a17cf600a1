package dev.converge.sandbox.controllers.apps;

import dev.converge.sandbox.controllers.runtime.Owners;
import dev.converge.sandbox.controllers.runtime.PodState;
import dev.converge.sandbox.controllers.runtime.Reconciler;
import dev.converge.sandbox.controllers.runtime.TemplateHash;
import dev.converge.sandbox.controllers.runtime.Times;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * DaemonSetController runs one pod of a DaemonSet on every node (bound directly with
 * spec.nodeName), replaces pods of an older template within maxUnavailable under RollingUpdate
 * (OnDelete waits for deletion), and reports the per-node counts in status.
 */
public final class DaemonSetController implements Reconciler {
  private static final String HASH_LABEL = "controller-revision-hash";
  private static final String GENERATION_LABEL = "pod-template-generation";

  private final KubernetesClient client;
  private final Times times;

  public DaemonSetController(KubernetesClient client, Times times) {
    this.client = client;
    this.times = times;
  }

  @Override
  public String kind() {
    return "daemonsets";
  }

  @Override
  public Optional<Duration> reconcile(String namespace, String name) {
    DaemonSet ds = client.apps().daemonSets().inNamespace(namespace).withName(name).get();
    if (ds == null || ds.getMetadata().getDeletionTimestamp() != null) {
      return Optional.empty();
    }
    List<String> nodes = client.nodes().list().getItems().stream()
        .map(Node::getMetadata).map(m -> m.getName()).sorted().toList();
    String hash = TemplateHash.of(ds.getSpec().getTemplate(), 0);
    Map<String, List<Pod>> byNode = pods(ds).stream().filter(PodState::isActive)
        .collect(Collectors.groupingBy(p -> String.valueOf(p.getSpec().getNodeName())));
    int minReady = ds.getSpec().getMinReadySeconds() == null ? 0
        : ds.getSpec().getMinReadySeconds();
    Instant now = times.now();
    for (String node : nodes) {
      List<Pod> onNode = byNode.getOrDefault(node, List.of());
      if (onNode.isEmpty()) {
        client.pods().inNamespace(namespace).resource(newPod(ds, node, hash)).create();
      }
      for (Pod extra : onNode.stream().skip(1).toList()) {
        client.pods().inNamespace(namespace).resource(extra).delete();
      }
    }
    byNode.forEach((node, list) -> {
      if (!nodes.contains(node)) {
        list.forEach(p -> client.pods().inNamespace(namespace).resource(p).delete());
      }
    });
    if (rolling(ds)) {
      int budget = maxUnavailable(ds, nodes.size()) - (int) nodes.stream()
          .filter(n -> byNode.getOrDefault(n, List.of()).stream()
              .noneMatch(p -> PodState.isAvailable(p, minReady, now))).count();
      for (String node : nodes) {
        for (Pod p : byNode.getOrDefault(node, List.of())) {
          if (hash.equals(p.getMetadata().getLabels().get(HASH_LABEL))) {
            continue;
          }
          boolean available = PodState.isAvailable(p, minReady, now);
          // Replacing an unavailable pod costs nothing; an available one needs budget.
          if (!available || budget > 0) {
            client.pods().inNamespace(namespace).resource(p).delete();
            budget -= available ? 1 : 0;
          }
        }
      }
    }
    writeStatus(ds, nodes, hash, minReady, now);
    return Optional.empty();
  }

  private void writeStatus(DaemonSet ds, List<String> nodes, String hash, int minReady,
      Instant now) {
    List<Pod> active = pods(ds).stream().filter(PodState::isActive)
        .filter(p -> nodes.contains(p.getSpec().getNodeName())).toList();
    DaemonSetStatus s = new DaemonSetStatus();
    s.setDesiredNumberScheduled(nodes.size());
    s.setCurrentNumberScheduled((int) active.stream().map(p -> p.getSpec().getNodeName())
        .distinct().count());
    s.setNumberMisscheduled(0);
    s.setNumberReady((int) active.stream().filter(PodState::isReady).count());
    int available = (int) active.stream().filter(p -> PodState.isAvailable(p, minReady, now))
        .count();
    s.setNumberAvailable(available);
    s.setNumberUnavailable(Math.max(0, nodes.size() - available));
    s.setUpdatedNumberScheduled((int) active.stream()
        .filter(p -> hash.equals(p.getMetadata().getLabels().get(HASH_LABEL))).count());
    s.setObservedGeneration(ds.getMetadata().getGeneration());
    if (!s.equals(ds.getStatus())) {
      ds.setStatus(s);
      client.apps().daemonSets().inNamespace(ds.getMetadata().getNamespace()).resource(ds)
          .updateStatus();
    }
  }

  private List<Pod> pods(DaemonSet ds) {
    return client.pods().inNamespace(ds.getMetadata().getNamespace())
        .withLabelSelector(ds.getSpec().getSelector()).list().getItems().stream()
        .filter(p -> Owners.controlledBy(p, ds.getMetadata().getUid())).toList();
  }

  private static Pod newPod(DaemonSet ds, String node, String hash) {
    Map<String, String> labels = new HashMap<>(ds.getSpec().getTemplate().getMetadata()
        .getLabels());
    labels.put(HASH_LABEL, hash);
    labels.put(GENERATION_LABEL, String.valueOf(ds.getMetadata().getGeneration()));
    PodSpec spec = TemplateHash.copy(ds.getSpec().getTemplate().getSpec(), PodSpec.class);
    spec.setNodeName(node);
    return new PodBuilder().withNewMetadata().withGenerateName(ds.getMetadata().getName() + "-")
        .withNamespace(ds.getMetadata().getNamespace()).withLabels(labels)
        .withAnnotations(ds.getSpec().getTemplate().getMetadata().getAnnotations())
        .withOwnerReferences(new ArrayList<>(List.of(Owners.controllerRef(ds)))).endMetadata()
        .withSpec(spec).build();
  }

  private static boolean rolling(DaemonSet ds) {
    return ds.getSpec().getUpdateStrategy() == null
        || !"OnDelete".equals(ds.getSpec().getUpdateStrategy().getType());
  }

  /** maxUnavailable of nodes; a percentage rounds up, as upstream does for DaemonSets. */
  private static int maxUnavailable(DaemonSet ds, int nodes) {
    var strategy = ds.getSpec().getUpdateStrategy();
    IntOrString value = strategy == null || strategy.getRollingUpdate() == null
        || strategy.getRollingUpdate().getMaxUnavailable() == null ? new IntOrString(1)
        : strategy.getRollingUpdate().getMaxUnavailable();
    return Math.max(1, RollingMath.scaled(value, nodes, true));
  }
}
