package dev.converge.rollout.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.rollout.api.Phase;
import dev.converge.rollout.api.Plan;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StallsAndPhasesTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration DEADLINE = Duration.ofSeconds(600);

  @Test
  void givenDeadlineExactlyReached_thenNotStalled_oneMillisLater_thenStalled() {
    Plan plan = Plans.forRollout("p", "h", 1, T0);
    Clock atDeadline = Clock.fixed(T0.plus(DEADLINE), ZoneOffset.UTC);
    Clock after = Clock.offset(atDeadline, Duration.ofMillis(1));

    assertThat(Stalls.isStalled(plan, DEADLINE, atDeadline.instant())).isFalse();
    assertThat(Stalls.isStalled(plan, DEADLINE, after.instant())).isTrue();
    assertThat(Stalls.untilStalled(plan, DEADLINE, T0.plusSeconds(100)))
        .isEqualTo(Duration.ofSeconds(500));
  }

  @Test
  void givenProgress_thenStallClockRestarts() {
    Plan plan = Plans.forRollout("p", "h", 1, T0);
    Instant later = T0.plusSeconds(500);
    plan = Plans.record(plan, "node-0/apply-statefulset", TaskOutcome.done(), later);

    assertThat(Stalls.isStalled(plan, DEADLINE, T0.plusSeconds(700))).isFalse();
  }

  @Test
  void givenFailedPlan_thenNeverStalled() {
    Plan plan = Plans.forRollout("p", "h", 1, T0).failed("x");

    assertThat(Stalls.isStalled(plan, DEADLINE, T0.plusSeconds(10_000))).isFalse();
  }

  @Test
  void phases() {
    assertThat(Phases.of(true, false, 3, 3)).isEqualTo(Phase.Upgrading);
    assertThat(Phases.of(false, true, 3, 3)).isEqualTo(Phase.Degraded);
    assertThat(Phases.of(false, false, 3, 3)).isEqualTo(Phase.Ready);
    assertThat(Phases.of(false, false, 2, 3)).isEqualTo(Phase.Pending);
  }

  @Test
  void givenSameStatus_whenConditionSetAgain_thenTransitionTimeKept() {
    List<Condition> c = Conditions.set(List.of(), "Stalled", false, "Progressing", "m", 1, T0);
    c = Conditions.set(c, "Stalled", false, "Progressing", "m2", 2, T0.plusSeconds(9));

    assertThat(c).singleElement().satisfies(x -> {
      assertThat(x.getLastTransitionTime()).isEqualTo(T0.toString());
      assertThat(x.getMessage()).isEqualTo("m2");
    });
    c = Conditions.set(c, "Stalled", true, "ProgressDeadlineExceeded", "m3", 2,
        T0.plusSeconds(20));
    assertThat(c.get(0).getLastTransitionTime()).isEqualTo(T0.plusSeconds(20).toString());
  }
}
