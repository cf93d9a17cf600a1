package dev.converge.rollout.internal;

import dev.converge.core.client.ApplyOption;
import dev.converge.core.client.DeleteOption;
import dev.converge.core.client.Kind;
import dev.converge.core.client.KubeOps;
import dev.converge.core.errors.ConflictException;
import dev.converge.rollout.api.NodeDeployment;
import dev.converge.rollout.api.PlanTask;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Objects;
import java.util.Optional;

/**
 * TaskExecutor runs one plan task once against the cluster. Writes go through the core client;
 * the StatefulSet reads of replace-pod and observe-image come from {@code stsReads}, which is live
 * in production: they decide right after apply-statefulset wrote the object.
 */
public final class TaskExecutor {
  static final String REVISION_LABEL = "controller-revision-hash";
  private static final Kind<Pod> POD = Kind.of(Pod.class);

  private final KubeOps ops;
  private final StatefulSetReads stsReads;

  public TaskExecutor(KubeOps ops, StatefulSetReads stsReads) {
    this.ops = ops;
    this.stsReads = stsReads;
  }

  /** Runs {@code task} of a plan rolling {@code nd}'s current template ({@code hash}). */
  public TaskOutcome run(NodeDeployment nd, PlanTask task, String hash) {
    return switch (task.type()) {
      case APPLY_STATEFULSET -> applyStatefulSet(nd, task.node(), hash);
      case REPLACE_POD -> replacePod(nd, task.node());
      case OBSERVE_IMAGE -> observeImage(nd, task.node(), hash);
    };
  }

  private TaskOutcome applyStatefulSet(NodeDeployment nd, int node, String hash) {
    // Force: the template is ours; a human's kubectl edit must not block the rollout.
    ops.apply(Children.statefulSet(nd, node, nd.getSpec().template(), hash), ApplyOption.force());
    return TaskOutcome.done();
  }

  private TaskOutcome replacePod(NodeDeployment nd, int node) {
    String ns = nd.getMetadata().getNamespace();
    String stsName = Children.statefulSetName(nd.getMetadata().getName(), node);
    Optional<StatefulSet> read = stsReads.get(ns, stsName);
    if (read.isEmpty()) {
      return missing(ns, stsName);
    }
    StatefulSet sts = read.get();
    if (!observed(sts)) {
      return TaskOutcome.waiting("statefulset " + stsName + " spec not observed yet");
    }
    String update = sts.getStatus().getUpdateRevision();
    Optional<Pod> pod = ops.get(POD, ns, Children.podName(nd.getMetadata().getName(), node));
    if (pod.isEmpty() || pod.get().getMetadata().getDeletionTimestamp() != null
        || Objects.equals(update, revision(pod.get()))) {
      // Gone, going, or already on the update revision: the StatefulSet controller does the rest.
      return TaskOutcome.done();
    }
    try {
      // Only the pod read above: a retry after a lost response must not delete its successor,
      // which the StatefulSet controller creates under the same name on the update revision.
      ops.delete(pod.get(), DeleteOption.ifUnchanged());
    } catch (ConflictException changed) {
      return TaskOutcome.waiting("pod " + pod.get().getMetadata().getName()
          + " changed since read (deleted, replaced or updated); deciding again");
    }
    return TaskOutcome.done();
  }

  private TaskOutcome observeImage(NodeDeployment nd, int node, String hash) {
    String ns = nd.getMetadata().getNamespace();
    String stsName = Children.statefulSetName(nd.getMetadata().getName(), node);
    Optional<StatefulSet> read = stsReads.get(ns, stsName);
    if (read.isEmpty()) {
      return missing(ns, stsName);
    }
    StatefulSet sts = read.get();
    if (!observed(sts)) {
      return TaskOutcome.waiting("statefulset " + stsName + " spec not observed yet");
    }
    String podName = Children.podName(nd.getMetadata().getName(), node);
    Pod pod = ops.get(POD, ns, podName).orElse(null);
    if (pod == null || pod.getMetadata().getDeletionTimestamp() != null) {
      return TaskOutcome.waiting("pod " + podName + " not there yet");
    }
    boolean onRevision = Objects.equals(sts.getStatus().getUpdateRevision(), revision(pod))
        && hash.equals(pod.getMetadata().getAnnotations().get(Children.HASH_ANNOTATION));
    String image = nd.getSpec().template().image();
    boolean onImage = pod.getSpec().getContainers().stream()
        .anyMatch(c -> Children.NODE_CONTAINER.equals(c.getName()) && image.equals(c.getImage()));
    if (onRevision && onImage && runningAndReady(pod)) {
      return TaskOutcome.done();
    }
    return TaskOutcome.waiting("pod " + podName + " not running and ready on " + image);
  }

  private static TaskOutcome missing(String ns, String stsName) {
    // A live read is strongly consistent: NotFound means someone deleted it (seeds/002 item 2).
    return TaskOutcome.terminal("statefulset " + ns + "/" + stsName
        + " missing during rollout (apply-statefulset preceded us); external deletion?");
  }

  private static boolean observed(StatefulSet sts) {
    return sts.getStatus() != null && sts.getStatus().getObservedGeneration() != null
        && sts.getStatus().getUpdateRevision() != null
        && sts.getStatus().getObservedGeneration() >= sts.getMetadata().getGeneration();
  }

  private static String revision(Pod pod) {
    return pod.getMetadata().getLabels() == null ? ""
        : pod.getMetadata().getLabels().getOrDefault(REVISION_LABEL, "");
  }

  static boolean runningAndReady(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
