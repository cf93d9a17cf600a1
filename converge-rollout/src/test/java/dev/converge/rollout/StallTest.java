package dev.converge.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.rollout.api.NodeDeploymentStatus;
import dev.converge.rollout.api.Phase;
import dev.converge.rollout.api.Plan;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rollout that cannot progress looks stuck, never complete (seeds/003 #328), and is reported
 * Stalled once its progress deadline passes; both recover on their own.
 */
@ConvergeCluster(controllers = true)
@Requires(Capability.CONTROLLER_CONTROL)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StallTest {

  @BeforeAll
  static void installCrd(TestCluster cluster) {
    RolloutOperator.installCrd(cluster.client());
  }

  @Test
  void givenStatefulSetControllerPaused_whenRollingOut_thenStuckShapeHolds10sThenCompletesOnResume(
      TestCluster cluster) {
    try (RolloutOperator op = Fleet.operator(cluster, "rollout-stuck")) {
      // given
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(3, "node:v1");
      fleet.awaitReadyOn("node:v1", 3);
      fleet.pauseNodes(3);

      // when
      fleet.setImage("node:v2");
      cluster.eventually(() -> assertThat(fleet.taskDone("node-0/apply-statefulset")).isTrue());
      String startedAt = fleet.status().rollout().startedAt();

      // then: the stuck shape, field by field, for 10 s
      cluster.consistently(Duration.ofSeconds(10), () -> {
        NodeDeploymentStatus s = fleet.status();
        assertThat(s.rollout()).isNotNull();
        assertThat(s.isTrue(NodeDeploymentStatus.ROLLOUT_IN_PROGRESS)).isTrue();
        assertThat(s.isTrue(NodeDeploymentStatus.PLAN_IN_PROGRESS)).isTrue();
        assertThat(s.plan()).isNotNull();
        assertThat(s.plan().phase()).isEqualTo(Plan.Phase.Active);
        assertThat(s.phase()).isEqualTo(Phase.Upgrading);
        assertThat(s.readyReplicas()).isEqualTo(3);
        assertThat(s.isTrue(NodeDeploymentStatus.NODES_READY)).isTrue();
        assertThat(s.rollout().startedAt()).isEqualTo(startedAt);
        assertThat(cluster.events(fleet.get(), "RolloutComplete")).isEmpty();
        assertThat(fleet.podImage(0)).isEqualTo("node:v1");
      });
      fleet.resumeNodes(3);
      fleet.awaitReadyOn("node:v2", 3);
      cluster.eventually(() -> assertThat(cluster.events(fleet.get(), "RolloutComplete")).hasSize(1));
    }
  }

  @Test
  void givenShortProgressDeadline_whenNoTaskProgresses_thenStalledWarningPhaseUpgradingAndRecovers(
      TestCluster cluster) {
    try (RolloutOperator op = Fleet.operator(cluster, "rollout-stall")) {
      // given
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(2, "node:v1", nd -> {
        nd.setSpec(nd.getSpec().withProgressDeadlineSeconds(2));
        return nd;
      });
      fleet.awaitReadyOn("node:v1", 2);
      fleet.pauseNodes(2);

      // when
      fleet.setImage("node:v2");
      cluster.eventually(() -> assertThat(fleet.status().rollout()).isNotNull());
      String startedAt = fleet.status().rollout().startedAt();

      // then
      cluster.eventually(Duration.ofSeconds(15), () -> {
        NodeDeploymentStatus s = fleet.status();
        assertThat(s.condition(NodeDeploymentStatus.STALLED)).hasValueSatisfying(c -> {
          assertThat(c.getStatus()).isEqualTo("True");
          assertThat(c.getReason()).isEqualTo("ProgressDeadlineExceeded");
        });
        assertThat(cluster.events(fleet.get(), "ProgressDeadlineExceeded")).singleElement()
            .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
      });
      NodeDeploymentStatus stalled = fleet.status();
      assertThat(stalled.phase()).isEqualTo(Phase.Upgrading);
      assertThat(stalled.rollout().startedAt()).isEqualTo(startedAt);
      assertThat(op.metrics().get(dev.converge.rollout.internal.RolloutMetrics.STALLED).gauge()
          .value()).isEqualTo(1.0);

      // and: it recovers by itself once the nodes move
      fleet.resumeNodes(2);
      fleet.awaitReadyOn("node:v2", 2);
      assertThat(fleet.status().condition(NodeDeploymentStatus.STALLED))
          .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
      assertThat(cluster.events(fleet.get(), "ProgressDeadlineExceeded")).hasSize(1);
      assertThat(op.metrics().get(dev.converge.rollout.internal.RolloutMetrics.STALLED).gauge()
          .value()).isEqualTo(0.0);
    }
  }
}
