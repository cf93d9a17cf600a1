package dev.converge.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.rollout.api.NodeDeploymentStatus;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A template change mid-rollout replaces the plan (issue 8; seeds/003 #325), including a revert
 * to the pre-rollout template, which the reference implementation let finish as the old plan.
 */
@ConvergeCluster(controllers = true)
@Requires(Capability.CONTROLLER_CONTROL)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SupersessionTest {

  @BeforeAll
  static void installCrd(TestCluster cluster) {
    RolloutOperator.installCrd(cluster.client());
  }

  @Test
  void givenV2RolloutStuck_whenV3Pushed_thenPlanRetargetsEventNamesV2AndAllNodesEndOnV3(
      TestCluster cluster) {
    try (RolloutOperator op = Fleet.operator(cluster, "rollout-supersede")) {
      // given: v2 rolling out, StatefulSet controller paused so it cannot finish
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(3, "node:v1");
      fleet.awaitReadyOn("node:v1", 3);
      fleet.pauseNodes(3);
      fleet.setImage("node:v2");
      cluster.eventually(() -> {
        NodeDeploymentStatus s = fleet.status();
        assertThat(s.rollout()).isNotNull();
        assertThat(s.rollout().targetHash()).isEqualTo(Fleet.hash("node:v2"));
        assertThat(s.isTrue(NodeDeploymentStatus.ROLLOUT_IN_PROGRESS)).isTrue();
      });
      String v2StartedAt = fleet.status().rollout().startedAt();

      // when
      fleet.setImage("node:v3");

      // then: retargeted, the superseded event names the v2 hash, startedAt reset
      cluster.eventually(() -> {
        NodeDeploymentStatus s = fleet.status();
        assertThat(s.rollout().targetHash()).isEqualTo(Fleet.hash("node:v3"));
        assertThat(s.rollout().fromHash()).isEqualTo(Fleet.hash("node:v1"));
        assertThat(s.plan().targetHash()).isEqualTo(Fleet.hash("node:v3"));
        assertThat(cluster.events(fleet.get(), "RolloutSuperseded")).singleElement()
            .satisfies(e -> assertThat(e.getMessage()).contains(Fleet.hash("node:v2")));
      });
      assertThat(fleet.status().rollout().startedAt()).isGreaterThanOrEqualTo(v2StartedAt);
      fleet.resumeNodes(3);
      fleet.awaitReadyOn("node:v3", 3);
      for (int i = 0; i < 3; i++) {
        assertThat(fleet.statefulSet(i).getSpec().getTemplate().getSpec().getContainers().get(0)
            .getImage()).isEqualTo("node:v3");
      }
    }
  }

  @Test
  void givenV2RolloutMidway_whenTemplateRevertedToV1_thenNodesRollBackToV1InsteadOfFinishingV2(
      TestCluster cluster) {
    try (RolloutOperator op = Fleet.operator(cluster, "rollout-revert")) {
      // given: node 0's StatefulSet already carries v2
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(2, "node:v1");
      fleet.awaitReadyOn("node:v1", 2);
      fleet.pauseNodes(2);
      fleet.setImage("node:v2");
      cluster.eventually(() -> assertThat(fleet.taskDone("node-0/apply-statefulset")).isTrue());
      assertThat(fleet.statefulSet(0).getSpec().getTemplate().getSpec().getContainers().get(0)
          .getImage()).isEqualTo("node:v2");

      // when: back to the pre-rollout template
      fleet.setImage("node:v1");

      // then: a new rollout toward v1 replaces the v2 plan, and every node ends on v1
      cluster.eventually(() -> {
        NodeDeploymentStatus s = fleet.status();
        assertThat(s.rollout()).isNotNull();
        assertThat(s.rollout().targetHash()).isEqualTo(Fleet.hash("node:v1"));
        assertThat(cluster.events(fleet.get(), "RolloutSuperseded")).singleElement()
            .satisfies(e -> assertThat(e.getMessage()).contains(Fleet.hash("node:v2")));
      });
      fleet.resumeNodes(2);
      fleet.awaitReadyOn("node:v1", 2);
      for (int i = 0; i < 2; i++) {
        assertThat(fleet.statefulSet(i).getSpec().getTemplate().getSpec().getContainers().get(0)
            .getImage()).as("node %d template", i).isEqualTo("node:v1");
      }
      cluster.eventually(() -> assertThat(cluster.events(fleet.get(), "RolloutComplete")).singleElement()
          .satisfies(e -> assertThat(e.getMessage()).contains(
              dev.converge.rollout.internal.TemplateHash.shortForm(Fleet.hash("node:v1")))));
    }
  }
}
