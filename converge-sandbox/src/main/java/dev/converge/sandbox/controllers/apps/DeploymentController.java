package dev.converge.sandbox.controllers.apps;

import dev.converge.sandbox.controllers.runtime.Owners;
import dev.converge.sandbox.controllers.runtime.PodState;
import dev.converge.sandbox.controllers.runtime.Reconciler;
import dev.converge.sandbox.controllers.runtime.TemplateHash;
import dev.converge.sandbox.controllers.runtime.Times;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DeploymentController rolls a Deployment out through ReplicaSets: one ReplicaSet per template
 * revision (named {@code <deployment>-<pod-template-hash>}, annotated with its revision), scaled
 * by the Recreate or RollingUpdate strategy ({@link RollingPlan}), old ones pruned beyond
 * revisionHistoryLimit, and the Deployment's status computed from the pods.
 */
public final class DeploymentController implements Reconciler {
  static final String HASH_LABEL = "pod-template-hash";
  static final String REVISION = "deployment.kubernetes.io/revision";
  private static final String DESIRED = "deployment.kubernetes.io/desired-replicas";
  private static final String MAX = "deployment.kubernetes.io/max-replicas";
  private static final int DEFAULT_HISTORY = 10;

  private final KubernetesClient client;
  private final Times times;

  public DeploymentController(KubernetesClient client, Times times) {
    this.client = client;
    this.times = times;
  }

  @Override
  public String kind() {
    return "deployments";
  }

  @Override
  public Optional<Duration> reconcile(String namespace, String name) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
    if (d == null || d.getMetadata().getDeletionTimestamp() != null) {
      return Optional.empty();
    }
    String uid = d.getMetadata().getUid();
    LabelSelector selector = d.getSpec().getSelector();
    List<ReplicaSet> all = client.apps().replicaSets().inNamespace(namespace)
        .withLabelSelector(selector).list().getItems().stream()
        .filter(rs -> Owners.controlledBy(rs, uid))
        .filter(rs -> rs.getMetadata().getDeletionTimestamp() == null).toList();
    List<Pod> pods = client.pods().inNamespace(namespace).withLabelSelector(selector).list()
        .getItems().stream().filter(PodState::isActive).toList();
    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    int minReady = d.getSpec().getMinReadySeconds() == null ? 0
        : d.getSpec().getMinReadySeconds();
    RollingMath.Limits limits = limits(d, replicas);
    Optional<ReplicaSet> found = all.stream().filter(rs -> sameTemplate(rs, d)).findFirst();
    List<ReplicaSet> old = all.stream().filter(rs -> found.map(f -> f != rs).orElse(true))
        .toList();
    RollingPlan plan = new RollingPlan(pods, minReady, times.now());
    DeploymentProgress.Event event = DeploymentProgress.Event.NONE;
    boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());
    ReplicaSet newRs = found.orElse(null);
    if (!paused) {
      int maxOld = old.stream().mapToInt(DeploymentController::revision).max().orElse(0);
      if (newRs == null) {
        int initial = recreate(d) ? (plan.activePods(old) > 0 ? 0 : replicas)
            : plan.newReplicas(null, all, replicas, limits);
        newRs = createReplicaSet(d, maxOld + 1, initial, replicas + limits.maxSurge());
        if (newRs == null) {
          return Optional.of(Duration.ZERO);
        }
        event = DeploymentProgress.Event.CREATED;
      } else if (revision(newRs) <= maxOld) {
        newRs = annotate(newRs, REVISION, String.valueOf(maxOld + 1));
      }
      annotateRevision(d, revision(newRs));
      List<ReplicaSet> current = withNew(old, newRs);
      if (recreate(d)) {
        for (ReplicaSet rs : old) {
          scale(rs, 0, replicas, replicas);
        }
        if (plan.activePods(old) == 0) {
          scale(newRs, replicas, replicas, replicas);
        }
      } else {
        scale(newRs, plan.newReplicas(newRs, current, replicas, limits), replicas,
            replicas + limits.maxSurge());
        for (Map.Entry<ReplicaSet, Integer> e : plan.oldReplicas(newRs, old, replicas, limits)
            .entrySet()) {
          scale(e.getKey(), e.getValue(), replicas, replicas + limits.maxSurge());
        }
      }
      pruneHistory(d, old, plan);
    }
    return writeStatus(d, newRs, pods, replicas, minReady, limits, event, paused);
  }

  private Optional<Duration> writeStatus(Deployment d, ReplicaSet newRs, List<Pod> pods,
      int replicas, int minReady, RollingMath.Limits limits, DeploymentProgress.Event event,
      boolean paused) {
    Instant now = times.now();
    DeploymentStatus s = new DeploymentStatus();
    s.setObservedGeneration(d.getMetadata().getGeneration());
    s.setReplicas(pods.size());
    s.setUpdatedReplicas(newRs == null ? 0 : (int) pods.stream()
        .filter(p -> Owners.controlledBy(p, newRs.getMetadata().getUid())).count());
    s.setReadyReplicas((int) pods.stream().filter(PodState::isReady).count());
    int available = (int) pods.stream().filter(p -> PodState.isAvailable(p, minReady, now))
        .count();
    s.setAvailableReplicas(available);
    s.setUnavailableReplicas(Math.max(0, replicas - available));
    if (d.getStatus() != null) {
      s.setCollisionCount(d.getStatus().getCollisionCount());
    }
    Integer deadline = d.getSpec().getProgressDeadlineSeconds();
    s.setConditions(DeploymentProgress.conditions(d.getStatus(), s, replicas,
        limits.maxUnavailable(), newRs == null ? "" : newRs.getMetadata().getName(), event,
        paused, deadline, now));
    if (!s.equals(d.getStatus())) {
      d.setStatus(s);
      client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(d)
          .updateStatus();
    }
    // Time passing is not an event: look again to notice a missed deadline or minReadySeconds.
    Optional<Instant> due = DeploymentProgress.deadline(s, deadline);
    if (due.isPresent() || s.getReadyReplicas() > available) {
      Duration wait = due.map(t -> Duration.between(now, t)).orElse(Duration.ofSeconds(1));
      return Optional.of(wait.compareTo(Duration.ofMillis(200)) < 0 ? Duration.ofMillis(200)
          : wait.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : wait);
    }
    return Optional.empty();
  }

  private ReplicaSet createReplicaSet(Deployment d, int revision, int replicas, int max) {
    int collisions = d.getStatus() == null || d.getStatus().getCollisionCount() == null ? 0
        : d.getStatus().getCollisionCount();
    String hash = TemplateHash.of(d.getSpec().getTemplate(), collisions);
    PodTemplateSpec template = TemplateHash.copy(d.getSpec().getTemplate(),
        PodTemplateSpec.class);
    Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
    labels.put(HASH_LABEL, hash);
    template.getMetadata().setLabels(labels);
    LabelSelector selector = new LabelSelectorBuilder(d.getSpec().getSelector())
        .addToMatchLabels(HASH_LABEL, hash).build();
    ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata()
        .withName(d.getMetadata().getName() + "-" + hash)
        .withNamespace(d.getMetadata().getNamespace()).withLabels(labels)
        .withAnnotations(Map.of(REVISION, String.valueOf(revision), DESIRED,
            String.valueOf(d.getSpec().getReplicas()), MAX, String.valueOf(max)))
        .withOwnerReferences(Owners.controllerRef(d)).endMetadata()
        .withNewSpec().withReplicas(replicas).withMinReadySeconds(d.getSpec().getMinReadySeconds())
        .withSelector(selector).withTemplate(template).endSpec().build();
    try {
      return client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).resource(rs)
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // A ReplicaSet with a different template owns that name: hash again with one more
      // collision, as upstream does with status.collisionCount.
      DeploymentStatus status = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
      status.setCollisionCount(collisions + 1);
      d.setStatus(status);
      client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(d)
          .updateStatus();
      return null;
    }
  }

  private void scale(ReplicaSet rs, int to, int desired, int max) {
    if (rs.getSpec().getReplicas() != null && rs.getSpec().getReplicas() == to) {
      return;
    }
    rs.getSpec().setReplicas(to);
    rs.getMetadata().getAnnotations().put(DESIRED, String.valueOf(desired));
    rs.getMetadata().getAnnotations().put(MAX, String.valueOf(max));
    ReplicaSet updated = client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace())
        .resource(rs).update();
    rs.setMetadata(updated.getMetadata());
  }

  private ReplicaSet annotate(ReplicaSet rs, String key, String value) {
    rs.getMetadata().getAnnotations().put(key, value);
    return client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(rs)
        .update();
  }

  private void annotateRevision(Deployment d, int revision) {
    String value = String.valueOf(revision);
    if (value.equals(d.getMetadata().getAnnotations().get(REVISION))) {
      return;
    }
    d.getMetadata().getAnnotations().put(REVISION, value);
    Deployment updated = client.apps().deployments().inNamespace(d.getMetadata().getNamespace())
        .resource(d).update();
    d.setMetadata(updated.getMetadata());
  }

  /** Deletes the oldest scaled-down ReplicaSets beyond revisionHistoryLimit. */
  private void pruneHistory(Deployment d, List<ReplicaSet> old, RollingPlan plan) {
    int limit = d.getSpec().getRevisionHistoryLimit() == null ? DEFAULT_HISTORY
        : d.getSpec().getRevisionHistoryLimit();
    List<ReplicaSet> idle = old.stream()
        .filter(rs -> rs.getSpec().getReplicas() != null && rs.getSpec().getReplicas() == 0)
        .filter(rs -> plan.activePods(List.of(rs)) == 0)
        .sorted(Comparator.comparingInt(DeploymentController::revision)).toList();
    for (int i = 0; i < idle.size() - limit; i++) {
      client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace())
          .resource(idle.get(i)).delete();
    }
  }

  private static boolean sameTemplate(ReplicaSet rs, Deployment d) {
    PodTemplateSpec t = TemplateHash.copy(rs.getSpec().getTemplate(), PodTemplateSpec.class);
    Map<String, String> labels = new HashMap<>(t.getMetadata().getLabels());
    labels.remove(HASH_LABEL);
    t.getMetadata().setLabels(labels);
    return TemplateHash.canonical(t).equals(TemplateHash.canonical(d.getSpec().getTemplate()));
  }

  private static List<ReplicaSet> withNew(List<ReplicaSet> old, ReplicaSet newRs) {
    List<ReplicaSet> all = new java.util.ArrayList<>(old);
    all.add(newRs);
    return all;
  }

  private static boolean recreate(Deployment d) {
    return d.getSpec().getStrategy() != null
        && "Recreate".equals(d.getSpec().getStrategy().getType());
  }

  private static RollingMath.Limits limits(Deployment d, int replicas) {
    if (recreate(d)) {
      // Recreate tolerates no unavailability of its own choosing (upstream MaxUnavailable).
      return new RollingMath.Limits(0, 0);
    }
    if (d.getSpec().getStrategy() == null
        || d.getSpec().getStrategy().getRollingUpdate() == null) {
      return RollingMath.resolve(null, null, replicas);
    }
    var ru = d.getSpec().getStrategy().getRollingUpdate();
    return RollingMath.resolve(ru.getMaxSurge(), ru.getMaxUnavailable(), replicas);
  }

  static int revision(ReplicaSet rs) {
    String v = rs.getMetadata().getAnnotations().get(REVISION);
    try {
      return v == null ? 0 : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
