package dev.converge.rollout.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.rollout.api.Plan;
import dev.converge.rollout.api.PlanTask;
import dev.converge.rollout.api.PlanTask.State;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlansTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant T1 = T0.plusSeconds(5);

  @Test
  void givenThreeNodes_whenPlanned_thenThreeTasksPerNodeInOrder() {
    Plan plan = Plans.forRollout("p", "h", 3, T0);

    assertThat(plan.tasks()).extracting(PlanTask::id).containsExactly(
        "node-0/apply-statefulset", "node-0/replace-pod", "node-0/observe-image",
        "node-1/apply-statefulset", "node-1/replace-pod", "node-1/observe-image",
        "node-2/apply-statefulset", "node-2/replace-pod", "node-2/observe-image");
    assertThat(plan.phase()).isEqualTo(Plan.Phase.Active);
    assertThat(plan.lastProgressAt()).isEqualTo(T0.toString());
  }

  @Nested
  class Runnable {
    @Test
    void givenMaxUnavailableOne_thenOnlyFirstNodesFirstTask() {
      Plan plan = Plans.forRollout("p", "h", 3, T0);

      assertThat(Plans.runnable(plan, 1)).extracting(PlanTask::id)
          .containsExactly("node-0/apply-statefulset");
    }

    @Test
    void givenMaxUnavailableTwo_thenTwoNodesAtOnce() {
      Plan plan = Plans.forRollout("p", "h", 3, T0);

      assertThat(Plans.runnable(plan, 2)).extracting(PlanTask::id)
          .containsExactly("node-0/apply-statefulset", "node-1/apply-statefulset");
    }

    @Test
    void givenNodeZeroDone_thenNodeOneIsNext() {
      Plan plan = Plans.forRollout("p", "h", 2, T0);
      for (String id : List.of("node-0/apply-statefulset", "node-0/replace-pod",
          "node-0/observe-image")) {
        plan = Plans.record(plan, id, TaskOutcome.done(), T1);
      }

      assertThat(Plans.runnable(plan, 1)).extracting(PlanTask::id)
          .containsExactly("node-1/apply-statefulset");
    }
  }

  @Nested
  class Record {
    @Test
    void givenDone_thenStateDoneOneAttemptAndProgressStamped() {
      Plan plan = Plans.record(Plans.forRollout("p", "h", 1, T0), "node-0/apply-statefulset",
          TaskOutcome.done(), T1);

      assertThat(plan.tasks().get(0)).satisfies(t -> {
        assertThat(t.state()).isEqualTo(State.Done);
        assertThat(t.attempts()).isEqualTo(1);
      });
      assertThat(plan.lastProgressAt()).isEqualTo(T1.toString());
    }

    @Test
    void givenWaitingTwice_thenRunningOneAttemptAndNoProgress() {
      Plan plan = Plans.forRollout("p", "h", 1, T0);
      plan = Plans.record(plan, "node-0/apply-statefulset", TaskOutcome.waiting("x"), T1);
      plan = Plans.record(plan, "node-0/apply-statefulset", TaskOutcome.waiting("x"), T1);

      assertThat(plan.tasks().get(0).state()).isEqualTo(State.Running);
      assertThat(plan.tasks().get(0).attempts()).isEqualTo(1);
      assertThat(plan.lastProgressAt()).isEqualTo(T0.toString());
    }

    @Test
    void givenTerminal_thenPlanFailedNamingTheTask() {
      Plan plan = Plans.record(Plans.forRollout("p", "h", 1, T0), "node-0/apply-statefulset",
          TaskOutcome.terminal("statefulset x missing"), T1);

      assertThat(plan.phase()).isEqualTo(Plan.Phase.Failed);
      assertThat(plan.error()).isEqualTo("node-0/apply-statefulset: statefulset x missing");
      assertThat(Plans.runnable(plan, 1)).isEmpty();
    }

    @Test
    void givenLastTaskDone_thenPlanCompleted() {
      Plan plan = Plans.forRollout("p", "h", 1, T0);
      for (PlanTask t : Plans.forRollout("p", "h", 1, T0).tasks()) {
        plan = Plans.record(plan, t.id(), TaskOutcome.done(), T1);
      }

      assertThat(plan.phase()).isEqualTo(Plan.Phase.Completed);
      assertThat(Plans.isDone(plan)).isTrue();
    }

    @Test
    void givenUnknownTask_thenRejected() {
      assertThatThrownBy(() -> Plans.record(Plans.forRollout("p", "h", 1, T0), "nope",
          TaskOutcome.done(), T1)).hasMessage("plan p has no task nope");
    }
  }
}
