package dev.converge.rollout.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.rollout.api.NodeDeployment;
import dev.converge.rollout.api.NodeDeploymentStatus;
import dev.converge.rollout.api.NodeTemplate;
import dev.converge.rollout.api.Plan;
import dev.converge.rollout.api.RolloutStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RolloutTransitionsTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  final RolloutMetrics metrics = new RolloutMetrics(new SimpleMeterRegistry());
  final RolloutTransitions transitions = new RolloutTransitions(metrics);

  static NodeDeployment nd(int deadlineSeconds) {
    NodeDeployment nd = NodeDeployment.of("chain", 2, NodeTemplate.ofImage("n:v2"));
    nd.setSpec(nd.getSpec().withProgressDeadlineSeconds(deadlineSeconds));
    nd.getMetadata().setNamespace("ns");
    return nd;
  }

  static StatusDraft draft(Instant now) {
    NodeDeploymentStatus base = new NodeDeploymentStatus(null, null, 2, 2, "h1", null, null,
        null, null, java.util.List.of());
    return new StatusDraft(base, 1, now);
  }

  @Test
  void givenTerminalPlan_whenFailed_thenBaselineKeptFailedHashSetAndWarningPendingUntilWrite() {
    // given
    StatusDraft d = draft(T0);
    transitions.start(nd(600), d, "h2", "h1", T0);
    Plan failed = d.plan.failed("statefulset ns/chain-0 missing");

    // when
    transitions.fail(nd(600), d, d.rollout, failed, Duration.ofSeconds(3));

    // then
    NodeDeploymentStatus s = d.build();
    assertThat(s.currentHash()).isEqualTo("h1");
    assertThat(s.failedHash()).isEqualTo("h2");
    assertThat(s.rollout()).isNull();
    assertThat(s.condition(NodeDeploymentStatus.ROLLOUT_IN_PROGRESS).orElseThrow().getReason())
        .isEqualTo("RolloutFailed");
    assertThat(d.events()).singleElement().satisfies(e -> {
      assertThat(e.warning()).isTrue();
      assertThat(e.message()).contains("chain-0");
    });
    assertThat(metrics.registry().find(RolloutMetrics.DURATION).timer()).isNull();
    d.afterWrite().forEach(Runnable::run);
    assertThat(metrics.registry().find(RolloutMetrics.DURATION).tag("outcome", "failed").timer()
        .count()).isEqualTo(1);
  }

  @Test
  void givenDeadlinePassed_whenWatchedTwice_thenOneWarningAndStartedAtUntouched() {
    // given
    StatusDraft d = draft(T0);
    transitions.start(nd(10), d, "h2", "h1", T0);
    RolloutStatus rollout = d.rollout;
    Instant late = T0.plusSeconds(11);

    // when
    transitions.watchForStall(nd(10), d, d.plan, late);
    StatusDraft again = new StatusDraft(d.build(), 1, late.plusSeconds(1));
    transitions.watchForStall(nd(10), again, again.plan, late.plusSeconds(1));

    // then
    assertThat(d.build().isTrue(NodeDeploymentStatus.STALLED)).isTrue();
    assertThat(d.events()).extracting(StatusDraft.PendingEvent::reason)
        .containsExactly("ProgressDeadlineExceeded");
    assertThat(again.events()).isEmpty();
    assertThat(again.build().rollout()).isEqualTo(rollout);
  }
}
