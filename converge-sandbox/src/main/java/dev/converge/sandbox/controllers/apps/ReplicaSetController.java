package dev.converge.sandbox.controllers.apps;

import dev.converge.sandbox.controllers.runtime.Owners;
import dev.converge.sandbox.controllers.runtime.PodState;
import dev.converge.sandbox.controllers.runtime.Reconciler;
import dev.converge.sandbox.controllers.runtime.Times;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ReplicaSetController creates and deletes pods ({@code generateName: <rs>-}) until a ReplicaSet
 * controls {@code spec.replicas} active pods, and reports their counts in its status.
 */
public final class ReplicaSetController implements Reconciler {
  private final KubernetesClient client;
  private final Times times;

  public ReplicaSetController(KubernetesClient client, Times times) {
    this.client = client;
    this.times = times;
  }

  @Override
  public String kind() {
    return "replicasets";
  }

  @Override
  public Optional<Duration> reconcile(String namespace, String name) {
    ReplicaSet rs = client.apps().replicaSets().inNamespace(namespace).withName(name).get();
    if (rs == null || rs.getMetadata().getDeletionTimestamp() != null) {
      return Optional.empty();
    }
    List<Pod> pods = ownedPods(client, rs.getMetadata().getNamespace(),
        rs.getSpec().getSelector(), rs.getMetadata().getUid());
    List<Pod> active = pods.stream().filter(PodState::isActive).toList();
    int want = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    for (int i = active.size(); i < want; i++) {
      client.pods().inNamespace(namespace).resource(newPod(rs)).create();
    }
    if (active.size() > want) {
      // Like upstream, give up the pods that matter least first: unscheduled, not ready, newest.
      active.stream().sorted(Comparator
          .comparing((Pod p) -> p.getSpec().getNodeName() != null)
          .thenComparing(PodState::isReady)
          .thenComparing((Pod p) -> p.getMetadata().getCreationTimestamp(),
              Comparator.reverseOrder()))
          .limit(active.size() - (long) want)
          .forEach(p -> client.pods().inNamespace(namespace).resource(p).delete());
      active = ownedPods(client, namespace, rs.getSpec().getSelector(),
          rs.getMetadata().getUid()).stream().filter(PodState::isActive).toList();
    } else if (active.size() < want) {
      active = ownedPods(client, namespace, rs.getSpec().getSelector(),
          rs.getMetadata().getUid()).stream().filter(PodState::isActive).toList();
    }
    return writeStatus(rs, active);
  }

  private Optional<Duration> writeStatus(ReplicaSet rs, List<Pod> active) {
    int minReady = rs.getSpec().getMinReadySeconds() == null ? 0
        : rs.getSpec().getMinReadySeconds();
    Instant now = times.now();
    Map<String, String> templateLabels = rs.getSpec().getTemplate().getMetadata().getLabels();
    ReplicaSetStatus s = new ReplicaSetStatus();
    s.setReplicas(active.size());
    s.setFullyLabeledReplicas((int) active.stream()
        .filter(p -> p.getMetadata().getLabels().entrySet().containsAll(
            templateLabels.entrySet())).count());
    int ready = (int) active.stream().filter(PodState::isReady).count();
    int available = (int) active.stream().filter(p -> PodState.isAvailable(p, minReady, now))
        .count();
    s.setReadyReplicas(ready);
    s.setAvailableReplicas(available);
    s.setObservedGeneration(rs.getMetadata().getGeneration());
    if (rs.getStatus() != null) {
      s.setConditions(rs.getStatus().getConditions());
    }
    if (!s.equals(rs.getStatus())) {
      rs.setStatus(s);
      client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(rs)
          .updateStatus();
    }
    // Ready pods become available after minReadySeconds, with no event to say so.
    return ready > available ? Optional.of(Duration.ofSeconds(1)) : Optional.empty();
  }

  private static Pod newPod(ReplicaSet rs) {
    return new PodBuilder().withNewMetadata()
        .withGenerateName(rs.getMetadata().getName() + "-")
        .withNamespace(rs.getMetadata().getNamespace())
        .withLabels(rs.getSpec().getTemplate().getMetadata().getLabels())
        .withAnnotations(rs.getSpec().getTemplate().getMetadata().getAnnotations())
        .withOwnerReferences(Owners.controllerRef(rs)).endMetadata()
        .withSpec(rs.getSpec().getTemplate().getSpec()).build();
  }

  /** Pods in {@code namespace} matching {@code labels} and controlled by {@code uid}. */
  static List<Pod> ownedPods(KubernetesClient client, String namespace, LabelSelector selector,
      String uid) {
    return client.pods().inNamespace(namespace).withLabelSelector(selector).list().getItems()
        .stream()
        .filter(p -> Owners.controlledBy(p, uid)).toList();
  }
}
