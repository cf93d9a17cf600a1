package dev.converge.sandbox.controllers.apps;

import dev.converge.sandbox.controllers.runtime.Owners;
import dev.converge.sandbox.controllers.runtime.PodState;
import dev.converge.sandbox.controllers.runtime.Reconciler;
import dev.converge.sandbox.controllers.runtime.Times;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * StatefulSetController keeps pods {@code <sts>-0..N-1} with stable names and claims from
 * volumeClaimTemplates. OrderedReady creates each pod only once the lower ones are running and
 * ready (Parallel does not wait). RollingUpdate replaces pods at or above the partition whose
 * revision is stale, highest ordinal first, one at a time; OnDelete replaces a pod only when
 * someone deletes it. Pods carry the {@code controller-revision-hash} label of their revision.
 */
public final class StatefulSetController implements Reconciler {
  static final String REVISION_LABEL = "controller-revision-hash";
  private static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  private static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

  private final KubernetesClient client;
  private final Times times;

  public StatefulSetController(KubernetesClient client, Times times) {
    this.client = client;
    this.times = times;
  }

  @Override
  public String kind() {
    return "statefulsets";
  }

  @Override
  public Optional<Duration> reconcile(String namespace, String name) {
    StatefulSet sts = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
    if (sts == null || sts.getMetadata().getDeletionTimestamp() != null) {
      return Optional.empty();
    }
    StatefulSetRevisions revisions = new StatefulSetRevisions(client, sts);
    ControllerRevision update = revisions.updateRevision();
    String updateName = update.getMetadata().getName();
    String currentName = sts.getStatus() != null && sts.getStatus().getCurrentRevision() != null
        && revisions.byName(sts.getStatus().getCurrentRevision()).isPresent()
        ? sts.getStatus().getCurrentRevision() : updateName;
    PodTemplateSpec currentTemplate = revisions.byName(currentName)
        .map(StatefulSetRevisions::template).orElse(sts.getSpec().getTemplate());
    Map<Integer, Pod> pods = podsByOrdinal(sts);
    int replicas = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
    boolean ordered = !"Parallel".equals(sts.getSpec().getPodManagementPolicy());
    boolean rolling = sts.getSpec().getUpdateStrategy() == null
        || !"OnDelete".equals(sts.getSpec().getUpdateStrategy().getType());
    int partition = partition(sts);
    boolean allHealthy = true;
    for (int i = 0; i < replicas; i++) {
      Pod pod = pods.get(i);
      if (pod != null && pod.getMetadata().getDeletionTimestamp() != null) {
        // Its name is still taken until it is gone; its deletion event brings us back.
        allHealthy = false;
        if (ordered) {
          break;
        }
        continue;
      }
      if (pod != null && !PodState.isActive(pod)) {
        // Failed or finished pods are replaced, like upstream does.
        client.pods().inNamespace(namespace).resource(pod).delete();
        pods.remove(i);
        pod = null;
      }
      if (pod == null) {
        boolean useCurrent = rolling && i < partition;
        Pod created = create(sts, i, useCurrent ? currentTemplate : sts.getSpec().getTemplate(),
            useCurrent ? currentName : updateName);
        pods.put(i, created);
        allHealthy = false;
        if (ordered) {
          break;
        }
      } else if (!PodState.isReady(pod)) {
        allHealthy = false;
        if (ordered) {
          break;
        }
      }
    }
    // Scale down from the highest ordinal, one at a time when ordered.
    List<Integer> surplus = pods.keySet().stream().filter(i -> i >= replicas)
        .sorted((a, b) -> b - a).toList();
    for (Integer i : surplus) {
      if (ordered && !allHealthy) {
        break;
      }
      client.pods().inNamespace(namespace).resource(pods.remove(i)).delete();
      if (ordered) {
        break;
      }
    }
    if (rolling && allHealthy && surplus.isEmpty()) {
      for (int i = replicas - 1; i >= partition; i--) {
        Pod pod = pods.get(i);
        if (pod != null && !updateName.equals(pod.getMetadata().getLabels().get(REVISION_LABEL))) {
          client.pods().inNamespace(namespace).resource(pod).delete();
          break;
        }
      }
    }
    writeStatus(sts, podsByOrdinal(sts), replicas, rolling, currentName, updateName);
    return Optional.empty();
  }

  private void writeStatus(StatefulSet sts, Map<Integer, Pod> pods, int replicas,
      boolean rolling, String currentName, String updateName) {
    Instant now = times.now();
    int minReady = sts.getSpec().getMinReadySeconds() == null ? 0
        : sts.getSpec().getMinReadySeconds();
    List<Pod> active = pods.values().stream().filter(PodState::isActive).toList();
    StatefulSetStatus s = new StatefulSetStatus();
    s.setObservedGeneration(sts.getMetadata().getGeneration());
    s.setReplicas(active.size());
    int ready = (int) active.stream().filter(PodState::isReady).count();
    s.setReadyReplicas(ready);
    s.setAvailableReplicas((int) active.stream()
        .filter(p -> PodState.isAvailable(p, minReady, now)).count());
    int updated = (int) active.stream().filter(p -> hasRevision(p, updateName)).count();
    s.setUpdatedReplicas(updated);
    String current = currentName;
    if (rolling && updated == replicas && ready == replicas && active.size() == replicas) {
      // The rollout is complete: the update revision becomes the current one.
      current = updateName;
    }
    String cur = current;
    s.setCurrentReplicas((int) active.stream().filter(p -> hasRevision(p, cur)).count());
    s.setCurrentRevision(current);
    s.setUpdateRevision(updateName);
    s.setCollisionCount(sts.getStatus() == null || sts.getStatus().getCollisionCount() == null
        ? 0 : sts.getStatus().getCollisionCount());
    if (!s.equals(sts.getStatus())) {
      sts.setStatus(s);
      client.apps().statefulSets().inNamespace(sts.getMetadata().getNamespace()).resource(sts)
          .updateStatus();
    }
  }

  private Pod create(StatefulSet sts, int ordinal, PodTemplateSpec template, String revision) {
    String ns = sts.getMetadata().getNamespace();
    String podName = sts.getMetadata().getName() + "-" + ordinal;
    Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
    labels.put(REVISION_LABEL, revision);
    labels.put(POD_NAME_LABEL, podName);
    labels.put(POD_INDEX_LABEL, String.valueOf(ordinal));
    PodSpec spec = dev.converge.sandbox.controllers.runtime.TemplateHash.copy(template.getSpec(),
        PodSpec.class);
    spec.setHostname(podName);
    spec.setSubdomain(sts.getSpec().getServiceName());
    List<Volume> volumes = new ArrayList<>(spec.getVolumes());
    for (PersistentVolumeClaim claimTemplate : sts.getSpec().getVolumeClaimTemplates()) {
      String claimName = claimTemplate.getMetadata().getName() + "-" + podName;
      ensureClaim(sts, claimTemplate, claimName, ordinal);
      volumes.removeIf(v -> v.getName().equals(claimTemplate.getMetadata().getName()));
      volumes.add(new VolumeBuilder().withName(claimTemplate.getMetadata().getName())
          .withNewPersistentVolumeClaim().withClaimName(claimName).endPersistentVolumeClaim()
          .build());
    }
    spec.setVolumes(volumes);
    Pod pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace(ns)
        .withLabels(labels).withAnnotations(template.getMetadata().getAnnotations())
        .withOwnerReferences(Owners.controllerRef(sts)).endMetadata().withSpec(spec).build();
    return client.pods().inNamespace(ns).resource(pod).create();
  }

  /** Claims outlive their pods (no owner reference), so a replaced pod gets its data back. */
  private void ensureClaim(StatefulSet sts, PersistentVolumeClaim template, String name,
      int ordinal) {
    String ns = sts.getMetadata().getNamespace();
    if (client.persistentVolumeClaims().inNamespace(ns).withName(name).get() != null) {
      return;
    }
    Map<String, String> labels = new HashMap<>(sts.getSpec().getSelector().getMatchLabels());
    labels.putAll(template.getMetadata().getLabels());
    labels.put(POD_INDEX_LABEL, String.valueOf(ordinal));
    PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder().withNewMetadata()
        .withName(name).withNamespace(ns).withLabels(labels)
        .withAnnotations(template.getMetadata().getAnnotations()).endMetadata()
        .withSpec(template.getSpec()).build();
    client.persistentVolumeClaims().inNamespace(ns).resource(claim).create();
  }

  private Map<Integer, Pod> podsByOrdinal(StatefulSet sts) {
    String prefix = sts.getMetadata().getName() + "-";
    Map<Integer, Pod> out = new TreeMap<>();
    for (Pod p : client.pods().inNamespace(sts.getMetadata().getNamespace())
        .withLabelSelector(sts.getSpec().getSelector()).list().getItems()) {
      String n = p.getMetadata().getName();
      if (!Owners.controlledBy(p, sts.getMetadata().getUid()) || !n.startsWith(prefix)) {
        continue;
      }
      try {
        out.put(Integer.parseInt(n.substring(prefix.length())), p);
      } catch (NumberFormatException e) {
        // Not one of ours by name: a real controller would not adopt it either.
      }
    }
    return out;
  }

  private static boolean hasRevision(Pod p, String revision) {
    return revision.equals(p.getMetadata().getLabels().get(REVISION_LABEL));
  }

  private static int partition(StatefulSet sts) {
    var strategy = sts.getSpec().getUpdateStrategy();
    if (strategy == null || strategy.getRollingUpdate() == null
        || strategy.getRollingUpdate().getPartition() == null) {
      return 0;
    }
    return strategy.getRollingUpdate().getPartition();
  }
}
