package dev.converge.rollout.internal;

import static dev.converge.rollout.api.NodeDeploymentStatus.NODES_READY;

import dev.converge.core.client.Kind;
import dev.converge.core.client.KubeOps;
import dev.converge.rollout.api.NodeDeployment;
import dev.converge.rollout.api.NodeDeploymentStatus;
import dev.converge.rollout.api.Plan;
import dev.converge.rollout.api.PlanTask;
import dev.converge.rollout.api.RolloutStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NodeDeploymentReconciler drives a NodeDeployment (DESIGN.md §7): it reads the object live,
 * decides from its status ({@link Decision}), runs plan tasks, and writes the new status with
 * optimistic locking. A reconcile whose inputs changed under it (Conflict on the status write)
 * starts over from a fresh read. Returning with a rollout active reschedules; otherwise events on
 * the NodeDeployment or its StatefulSets bring it back.
 */
public final class NodeDeploymentReconciler
    implements Reconciler<NodeDeployment>, Cleaner<NodeDeployment> {
  /** Re-reads after a stale status write; ten outlast a user patching in a loop. */
  static final int MAX_STALE_ROUNDS = 10;
  /** Fallback requeue while a rollout runs, in case a watch event is late or lost. */
  static final Duration POLL = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(NodeDeploymentReconciler.class);
  private static final Kind<NodeDeployment> ND = Kind.of(NodeDeployment.class);

  private final KubeOps ops;
  private final Clock clock;
  private final RolloutMetrics metrics;
  private final EventRecorder events;
  private final ChildSync children;
  private final StatefulSetEvents stsEvents;
  private final boolean cachedTaskReads;
  private final RolloutTransitions transitions;

  /**
   * @param cachedTaskReads read StatefulSets for replace-pod and observe-image from the informer
   *     cache instead of live: the known-wrong variant the cache-lag test must catch
   */
  public NodeDeploymentReconciler(KubeOps ops, Clock clock, RolloutMetrics metrics,
      boolean cachedTaskReads) {
    this.ops = ops;
    this.clock = clock;
    this.metrics = metrics;
    this.events = new EventRecorder(ops, clock);
    this.children = new ChildSync(ops);
    this.stsEvents = new StatefulSetEvents();
    this.cachedTaskReads = cachedTaskReads;
    this.transitions = new RolloutTransitions(metrics);
  }

  /** Stops the background retries of events not written yet. */
  public void close() {
    events.close();
  }

  @Override
  public List<EventSource<?, NodeDeployment>> prepareEventSources(
      EventSourceContext<NodeDeployment> context) {
    return List.of(stsEvents.create(context));
  }

  @Override
  public UpdateControl<NodeDeployment> reconcile(NodeDeployment primary,
      Context<NodeDeployment> context) {
    String ns = primary.getMetadata().getNamespace();
    String name = primary.getMetadata().getName();
    for (int round = 1; round <= MAX_STALE_ROUNDS; round++) {
      Optional<NodeDeployment> live = ops.get(ND, ns, name);
      if (live.isEmpty() || live.get().getMetadata().getDeletionTimestamp() != null) {
        return UpdateControl.noUpdate();
      }
      try {
        Optional<Duration> requeue = reconcileOnce(live.get(), context);
        UpdateControl<NodeDeployment> c = UpdateControl.noUpdate();
        return requeue.map(d -> c.rescheduleAfter(d)).orElse(c);
      } catch (StaleDecision e) {
        log.debug("{}/{} changed during reconcile (round {}), deciding again", ns, name, round);
      }
    }
    throw new IllegalStateException(ns + "/" + name + " changed under every one of "
        + MAX_STALE_ROUNDS + " reconcile rounds");
  }

  private Optional<Duration> reconcileOnce(NodeDeployment nd, Context<NodeDeployment> context) {
    Instant now = clock.instant();
    NodeDeploymentStatus before = nd.getStatus() == null ? NodeDeploymentStatus.empty()
        : nd.getStatus();
    long generation = nd.getMetadata().getGeneration() == null ? 0
        : nd.getMetadata().getGeneration();
    StatusDraft d = new StatusDraft(before, generation, now);
    String hash = TemplateHash.of(nd.getSpec().template());
    String retry = nd.getMetadata().getAnnotations() == null ? null
        : nd.getMetadata().getAnnotations().get(NodeDeployment.RETRY_ANNOTATION);
    Decision decision = Decision.of(before, hash, retry);
    // Counting ready nodes and spotting missing ones may lag a little: the informer's copy
    // (listing 50 StatefulSets on every reconcile made a rollout quadratic). Task decisions
    // read live.
    List<StatefulSet> sts = context.getSecondaryResourcesAsStream(StatefulSet.class)
        .sorted(java.util.Comparator.comparingInt(ChildSync::ordinal)).toList();
    switch (decision) {
      case INITIAL -> {
        children.ensureService(nd);
        children.sync(nd, sts, hash, true);
        d.currentHash = hash;
      }
      case STEADY -> {
        if (Decision.retryRequested(before, retry)) {
          d.retryToken = retry; // nothing failed toward this template: nothing to retry
        }
        if (Decision.failedPlan(before)) {
          // Template back on the baseline after a failure: missing nodes are re-created at it.
          d.plan = null;
          d.failedHash = null;
        }
        children.sync(nd, sts, hash, false);
      }
      case HOLD_FAILED -> { }
      case START -> {
        if (Decision.retryRequested(before, retry)) {
          d.retryToken = retry;
        }
        transitions.start(nd, d, hash, Objects.requireNonNull(before.currentHash()), now);
        d.normal("RolloutStarted", "rolling out template " + TemplateHash.shortForm(hash)
            + " from " + TemplateHash.shortForm(Objects.requireNonNull(before.currentHash())));
      }
      case SUPERSEDE -> {
        RolloutStatus old = Objects.requireNonNull(before.rollout());
        transitions.start(nd, d, hash, old.fromHash(), now);
        d.normal("RolloutSuperseded", "rollout to " + old.targetHash()
            + " superseded by " + hash);
      }
      case CONTINUE -> { }
    }
    if (d.rollout != null) {
      runPlan(nd, d, hash, now);
    }
    int replicas = nd.getSpec().replicas();
    int ready = sts.stream().filter(s -> ChildSync.ordinal(s) < replicas)
        .mapToInt(ChildSync::ready).sum();
    d.replicas = replicas;
    d.readyReplicas = ready;
    d.condition(NODES_READY, ready >= replicas, ready >= replicas ? "AllNodesReady"
        : "NodesNotReady", ready + "/" + replicas + " nodes ready");
    boolean planFailed = d.plan != null && d.plan.phase() == Plan.Phase.Failed;
    d.phase = Phases.of(d.rollout != null, planFailed, ready, replicas);
    d.observedGeneration = generation;
    write(nd, before, d.build());
    // Only a decision that was persisted is announced: a stale one is re-decided silently.
    d.events().forEach(e -> e.emit(events, nd));
    d.afterWrite().forEach(Runnable::run);
    if (d.rollout != null && d.plan != null) {
      Duration left = Stalls.untilStalled(d.plan, deadline(nd), now);
      return Optional.of(left.isZero() || left.compareTo(POLL) > 0 ? POLL
          : left.plusMillis(50));
    }
    return Optional.empty();
  }

  /** Runs tasks until none can move now; at most one pass per task, so it always ends. */
  private void runPlan(NodeDeployment nd, StatusDraft d, String hash, Instant now) {
    Plan plan = Objects.requireNonNull(d.plan);
    TaskExecutor executor = new TaskExecutor(ops, this::readForTask);
    int maxUnavailable = nd.getSpec().maxUnavailableNodes();
    for (int pass = 0; pass <= plan.tasks().size() && plan.phase() == Plan.Phase.Active; pass++) {
      long doneBefore = Plans.doneCount(plan);
      for (PlanTask task : Plans.runnable(plan, maxUnavailable)) {
        // A node scaled away mid-rollout is not rolled (nor re-created): sync removes it after.
        TaskOutcome outcome = task.node() >= nd.getSpec().replicas() ? TaskOutcome.done()
            : executor.run(nd, task, hash);
        plan = Plans.record(plan, task.id(), outcome, now);
        if (plan.phase() != Plan.Phase.Active) {
          break;
        }
      }
      if (Plans.doneCount(plan) == doneBefore) {
        break;
      }
    }
    d.plan = plan;
    RolloutStatus rollout = Objects.requireNonNull(d.rollout);
    Duration took = Duration.between(Instant.parse(rollout.startedAt()), now);
    switch (plan.phase()) {
      case Completed -> transitions.complete(nd, d, rollout, took);
      case Failed -> transitions.fail(nd, d, rollout, plan, took);
      case Active -> transitions.watchForStall(nd, d, plan, now);
    }
  }

  private Optional<StatefulSet> readForTask(String namespace, String name) {
    if (cachedTaskReads) {
      return stsEvents.cached(namespace, name);
    }
    return ops.get(ChildSync.STS, namespace, name);
  }

  /** Writes {@code next} if it differs, only over the very status this reconcile decided from. */
  private void write(NodeDeployment nd, NodeDeploymentStatus before, NodeDeploymentStatus next) {
    if (next.equals(nd.getStatus())) {
      return;
    }
    try {
      ops.updateStatus(nd, current -> {
        boolean sameInputs = Objects.equals(current.getMetadata().getGeneration(),
            nd.getMetadata().getGeneration())
            && Objects.equals(current.getMetadata().getAnnotations(),
                nd.getMetadata().getAnnotations());
        NodeDeploymentStatus live = current.getStatus() == null ? NodeDeploymentStatus.empty()
            : current.getStatus();
        // A Conflict re-read that finds our own status: the PUT committed and only its response
        // was lost (connection reset); deciding again would drop this decision's events.
        if (sameInputs && live.equals(next) && !live.equals(before)) {
          throw new AlreadyWritten();
        }
        // Otherwise, if anything we decided from moved, decide again from scratch.
        if (!sameInputs || !live.equals(before)) {
          throw new StaleDecision();
        }
        current.setStatus(next);
        return current;
      });
    } catch (AlreadyWritten committed) {
      log.debug("{} status write committed before its response was lost", key(nd));
    }
  }

  @Override
  public DeleteControl cleanup(NodeDeployment nd, Context<NodeDeployment> context) {
    children.teardown(nd);
    metrics.stalled(key(nd), false);
    return DeleteControl.defaultDelete();
  }

  @Override
  public ErrorStatusUpdateControl<NodeDeployment> updateErrorStatus(NodeDeployment nd,
      Context<NodeDeployment> context, Exception e) {
    metrics.reconcileError();
    log.warn("reconcile of {}/{} failed: {}", nd.getMetadata().getNamespace(),
        nd.getMetadata().getName(), e.toString());
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  static Duration deadline(NodeDeployment nd) {
    return Duration.ofSeconds(nd.getSpec().progressDeadline());
  }

  static String key(NodeDeployment nd) {
    return nd.getMetadata().getNamespace() + "/" + nd.getMetadata().getName();
  }

  /** A Conflict re-read found the very status being written: an earlier attempt committed. */
  static final class AlreadyWritten extends RuntimeException {
    AlreadyWritten() {
      super(null, null, false, false);
    }
  }

  /** The inputs of a decision changed before its status was written. */
  static final class StaleDecision extends RuntimeException {
    StaleDecision() {
      super(null, null, false, false);
    }
  }
}
