package dev.converge.rollout.internal;

import static dev.converge.rollout.api.NodeDeploymentStatus.PLAN_IN_PROGRESS;
import static dev.converge.rollout.api.NodeDeploymentStatus.ROLLOUT_IN_PROGRESS;
import static dev.converge.rollout.api.NodeDeploymentStatus.STALLED;

import dev.converge.rollout.api.NodeDeployment;
import dev.converge.rollout.api.Plan;
import dev.converge.rollout.api.RolloutStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * RolloutTransitions writes what starting, completing, failing or stalling a rollout means into a
 * status draft: rollout and plan fields, conditions, events and metrics (the last two only once
 * the status is written). No I/O.
 */
final class RolloutTransitions {
  private final RolloutMetrics metrics;

  RolloutTransitions(RolloutMetrics metrics) {
    this.metrics = metrics;
  }

  void start(NodeDeployment nd, StatusDraft d, String hash, String fromHash,
      Instant now) {
    d.rollout = new RolloutStatus(hash, fromHash, now.toString());
    d.plan = Plans.forRollout(UUID.randomUUID().toString(), hash, nd.getSpec().replicas(), now);
    d.condition(ROLLOUT_IN_PROGRESS, true, "TemplateChanged",
        "rolling out template " + hash);
    d.condition(PLAN_IN_PROGRESS, true, "PlanStarted", "plan " + d.plan.id());
    d.condition(STALLED, false, "Progressing", "rollout started");
    d.afterWrite(() -> metrics.stalled(NodeDeploymentReconciler.key(nd), false));
  }

  void complete(NodeDeployment nd, StatusDraft d, RolloutStatus rollout, Duration took) {
    d.currentHash = rollout.targetHash();
    d.failedHash = null;
    d.rollout = null;
    d.plan = null;
    d.condition(ROLLOUT_IN_PROGRESS, false, "RolloutComplete",
        "all nodes run template " + rollout.targetHash());
    d.condition(PLAN_IN_PROGRESS, false, "PlanCompleted", "every task done");
    d.condition(STALLED, false, "Progressing", "rollout complete");
    d.afterWrite(() -> metrics.stalled(NodeDeploymentReconciler.key(nd), false));
    d.afterWrite(() -> metrics.finished("complete", took));
    d.normal("RolloutComplete", "all " + nd.getSpec().replicas()
        + " nodes run template " + TemplateHash.shortForm(rollout.targetHash()));
  }

  void fail(NodeDeployment nd, StatusDraft d, RolloutStatus rollout, Plan plan,
      Duration took) {
    String message = "rollout to " + rollout.targetHash() + " failed: " + plan.error();
    // The failed target is remembered, not adopted: currentHash stays the old baseline.
    d.failedHash = rollout.targetHash();
    d.rollout = null;
    d.condition(ROLLOUT_IN_PROGRESS, false, "RolloutFailed", message);
    d.condition(PLAN_IN_PROGRESS, false, "PlanFailed", String.valueOf(plan.error()));
    d.condition(STALLED, false, "RolloutFailed", "rollout failed, not stalled");
    d.afterWrite(() -> metrics.stalled(NodeDeploymentReconciler.key(nd), false));
    d.afterWrite(() -> metrics.finished("failed", took));
    d.warning("RolloutFailed", message);
  }

  void watchForStall(NodeDeployment nd, StatusDraft d, Plan plan, Instant now) {
    Duration deadline = NodeDeploymentReconciler.deadline(nd);
    boolean stalled = Stalls.isStalled(plan, deadline, now);
    boolean wasStalled = d.conditions.stream().anyMatch(c -> STALLED.equals(c.getType())
        && "True".equals(c.getStatus()));
    if (stalled) {
      String message = "no task progress for more than " + deadline.toSeconds() + "s (since "
          + plan.lastProgressAt() + ")";
      d.condition(STALLED, true, "ProgressDeadlineExceeded", message);
      if (!wasStalled) {
        d.warning("ProgressDeadlineExceeded", message);
      }
    } else {
      d.condition(STALLED, false, "Progressing", "tasks progressing");
    }
    d.afterWrite(() -> metrics.stalled(NodeDeploymentReconciler.key(nd), stalled));
  }
}
