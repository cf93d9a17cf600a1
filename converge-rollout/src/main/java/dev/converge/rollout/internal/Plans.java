package dev.converge.rollout.internal;

import dev.converge.rollout.api.Plan;
import dev.converge.rollout.api.PlanTask;
import dev.converge.rollout.api.PlanTask.State;
import dev.converge.rollout.api.PlanTask.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans is the rollout plan state machine: per node apply-statefulset → replace-pod →
 * observe-image, nodes in ordinal order, at most {@code maxUnavailable} nodes in flight. Pure:
 * every method returns a new plan.
 */
public final class Plans {
  private Plans() {}

  /** A fresh plan rolling {@code targetHash} onto nodes {@code 0..nodes-1}. */
  public static Plan forRollout(String id, String targetHash, int nodes, Instant now) {
    List<PlanTask> tasks = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      for (Type t : Type.values()) {
        tasks.add(PlanTask.pending(t, i));
      }
    }
    return new Plan(id, targetHash, Plan.Phase.Active, now.toString(), List.copyOf(tasks), null);
  }

  /**
   * The tasks to run now: for each of the lowest {@code maxUnavailable} nodes not yet done, its
   * first unfinished task. Empty when the plan is not active or everything is done.
   */
  public static List<PlanTask> runnable(Plan plan, int maxUnavailable) {
    if (plan.phase() != Plan.Phase.Active) {
      return List.of();
    }
    Map<Integer, PlanTask> firstOpen = new LinkedHashMap<>();
    for (PlanTask t : plan.tasks()) {
      if (t.state() != State.Done && !firstOpen.containsKey(t.node())) {
        firstOpen.put(t.node(), t);
      }
    }
    return firstOpen.values().stream().sorted((a, b) -> a.node() - b.node())
        .limit(Math.max(1, maxUnavailable)).toList();
  }

  /** Records one run of task {@code taskId}; a terminal outcome fails the whole plan. */
  public static Plan record(Plan plan, String taskId, TaskOutcome outcome, Instant now) {
    List<PlanTask> tasks = new ArrayList<>(plan.tasks().size());
    String progressAt = plan.lastProgressAt();
    boolean found = false;
    for (PlanTask t : plan.tasks()) {
      if (!t.id().equals(taskId)) {
        tasks.add(t);
        continue;
      }
      found = true;
      // Attempts count starts: a task waiting across reconciles is one attempt, so polling
      // does not rewrite status (and retrigger the controller) on every pass.
      int attempts = t.state() == State.Pending ? t.attempts() + 1 : t.attempts();
      switch (outcome.kind()) {
        case DONE -> {
          tasks.add(t.with(State.Done, attempts, null));
          progressAt = now.toString();
        }
        case WAITING -> tasks.add(t.with(State.Running, attempts, null));
        case TERMINAL -> tasks.add(t.with(State.Failed, attempts, outcome.message()));
      }
    }
    if (!found) {
      throw new IllegalArgumentException("plan " + plan.id() + " has no task " + taskId);
    }
    Plan next = plan.withTasks(List.copyOf(tasks), progressAt);
    if (outcome.kind() == TaskOutcome.Kind.TERMINAL) {
      return next.failed(taskId + ": " + outcome.message());
    }
    return isDone(next) ? next.completed() : next;
  }

  /** Whether every task is done. */
  public static boolean isDone(Plan plan) {
    return plan.tasks().stream().allMatch(t -> t.state() == State.Done);
  }

  /** How many tasks are done. */
  public static long doneCount(Plan plan) {
    return plan.tasks().stream().filter(t -> t.state() == State.Done).count();
  }
}
