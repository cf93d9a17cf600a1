package dev.converge.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.rollout.api.NodeDeployment;
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
 * A child StatefulSet deleted mid-rollout fails the plan instead of spinning forever (seeds/002
 * item 2); Degraded persists, the failed target is not the new baseline, and a retry annotation
 * or the next template change starts a new rollout.
 */
@ConvergeCluster(controllers = true)
@Requires(Capability.CONTROLLER_CONTROL)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TerminalTest {

  @BeforeAll
  static void installCrd(TestCluster cluster) {
    RolloutOperator.installCrd(cluster.client());
  }

  /** Starts v1 → v2 with the nodes paused, then deletes node 0's StatefulSet behind our back. */
  private static Fleet failedRollout(TestCluster cluster) {
    Fleet fleet = new Fleet(cluster, "chain");
    fleet.create(3, "node:v1");
    fleet.awaitReadyOn("node:v1", 3);
    fleet.pauseNodes(3);
    fleet.setImage("node:v2");
    cluster.eventually(() -> assertThat(fleet.taskDone("node-0/apply-statefulset")).isTrue());
    cluster.client().apps().statefulSets().inNamespace(cluster.namespace()).withName("chain-0")
        .delete();
    cluster.eventually(() -> {
      NodeDeploymentStatus s = fleet.status();
      assertThat(s.plan()).isNotNull();
      assertThat(s.plan().phase()).isEqualTo(Plan.Phase.Failed);
    });
    return fleet;
  }

  @Test
  void givenRolloutInFlight_whenChildStatefulSetDeleted_thenPlanFailsDegradedPersistsBaselineKept(
      TestCluster cluster) {
    try (RolloutOperator op = Fleet.operator(cluster, "rollout-terminal")) {
      // given / when
      Fleet fleet = failedRollout(cluster);

      // then: condition and Warning event name the StatefulSet
      NodeDeploymentStatus s = fleet.status();
      assertThat(s.plan().error()).contains("chain-0");
      assertThat(s.condition(NodeDeploymentStatus.ROLLOUT_IN_PROGRESS)).hasValueSatisfying(c -> {
        assertThat(c.getStatus()).isEqualTo("False");
        assertThat(c.getReason()).isEqualTo("RolloutFailed");
        assertThat(c.getMessage()).contains("chain-0");
      });
      // the event and the metric follow the status write that the plan's Failed phase was read from
      cluster.eventually(() -> assertThat(cluster.events(fleet.get(), "RolloutFailed")).singleElement()
          .satisfies(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).contains("chain-0");
          }));
      cluster.eventually(() -> assertThat(op.metrics().find(dev.converge.rollout.internal.RolloutMetrics.DURATION)
          .tag("outcome", "failed").timer()).isNotNull());
      // Degraded persists, the failed target is not adopted, nothing is silently re-created
      cluster.consistently(Duration.ofSeconds(3), () -> {
        NodeDeploymentStatus now = fleet.status();
        assertThat(now.phase()).isEqualTo(Phase.Degraded);
        assertThat(now.currentHash()).isEqualTo(Fleet.hash("node:v1"));
        assertThat(now.failedHash()).isEqualTo(Fleet.hash("node:v2"));
        assertThat(now.rollout()).isNull();
        assertThat(cluster.events(fleet.get(), "RolloutStarted")).hasSize(1);
      });
      assertThat(op.metrics().find(dev.converge.rollout.internal.RolloutMetrics.DURATION)
          .tag("outcome", "failed").timer().count()).isEqualTo(1);

      // when: the retry annotation is set
      fleet.resumeNodes(3);
      fleet.edit(nd -> {
        nd.getMetadata().getAnnotations().put(NodeDeployment.RETRY_ANNOTATION, "1");
        return nd;
      });

      // then: a new rollout re-creates node 0 and finishes
      fleet.awaitReadyOn("node:v2", 3);
      cluster.eventually(() -> assertThat(cluster.events(fleet.get(), "RolloutStarted")).hasSize(2));
      assertThat(fleet.status().retryToken()).isEqualTo("1");
      assertThat(fleet.status().failedHash()).isNull();
    }
  }

  @Test
  void givenFailedRollout_whenTemplateChangesAgain_thenNewRolloutStartsAndCompletes(
      TestCluster cluster) {
    try (RolloutOperator op = Fleet.operator(cluster, "rollout-terminal-next")) {
      // given
      Fleet fleet = failedRollout(cluster);
      fleet.resumeNodes(3);

      // when
      fleet.setImage("node:v3");

      // then
      fleet.awaitReadyOn("node:v3", 3);
      cluster.eventually(() -> assertThat(cluster.events(fleet.get(), "RolloutStarted")).hasSize(2));
      assertThat(fleet.status().phase()).isEqualTo(Phase.Ready);
    }
  }
}
