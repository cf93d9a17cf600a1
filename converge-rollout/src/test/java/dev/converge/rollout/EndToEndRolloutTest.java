package dev.converge.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.rollout.api.NodeDeployment;
import dev.converge.rollout.api.NodeDeploymentStatus;
import dev.converge.rollout.api.Phase;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A NodeDeployment comes up and rolls v1 → v2 node by node (issue 8, envtest suite item 1). */
@ConvergeCluster(controllers = true)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EndToEndRolloutTest {

  @BeforeAll
  static void installCrd(TestCluster cluster) {
    RolloutOperator.installCrd(cluster.client());
  }

  @Test
  void givenThreeNodesOnV1_whenImageChangesToV2_thenEveryNodeRollsAndRolloutCompletes(
      TestCluster cluster) {
    try (RolloutOperator op = Fleet.operator(cluster, "rollout-e2e")) {
      // given
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(3, "node:v1");
      fleet.awaitReadyOn("node:v1", 3);
      StatefulSet sts0 = cluster.client().apps().statefulSets().inNamespace(cluster.namespace())
          .withName("chain-0").get();
      assertThat(sts0.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
      assertThat(sts0.getSpec().getReplicas()).isEqualTo(1);
      assertThat(sts0.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(o -> assertThat(o.getKind()).isEqualTo("NodeDeployment"));
      assertThat(cluster.client().services().inNamespace(cluster.namespace()).withName("chain")
          .get().getSpec().getClusterIP()).isEqualTo("None");

      // when
      fleet.setImage("node:v2");

      // then
      cluster.eventually(() -> assertThat(cluster.events(fleet.get(), "RolloutStarted"))
          .isNotEmpty());
      fleet.awaitReadyOn("node:v2", 3);
      NodeDeploymentStatus s = fleet.status();
      assertThat(s.plan()).isNull();
      assertThat(s.condition(NodeDeploymentStatus.ROLLOUT_IN_PROGRESS)).hasValueSatisfying(c -> {
        assertThat(c.getStatus()).isEqualTo("False");
        assertThat(c.getReason()).isEqualTo("RolloutComplete");
      });
      assertThat(s.isTrue(NodeDeploymentStatus.NODES_READY)).isTrue();
      assertThat(s.phase()).isEqualTo(Phase.Ready);
      // events follow the status write they announce
      cluster.eventually(() -> assertThat(cluster.events(fleet.get(), "RolloutComplete")).hasSize(1));
    }
  }

  @Test
  void givenCrdInstalled_thenShortNameStatusSubresourceAndPrinterColumnsAreServed(
      TestCluster cluster) {
    var crd = cluster.client().apiextensions().v1().customResourceDefinitions()
        .withName(NodeDeployment.CRD_NAME).get();

    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("nd");
    var version = crd.getSpec().getVersions().get(0);
    assertThat(version.getName()).isEqualTo("v1alpha1");
    assertThat(version.getSubresources().getStatus()).isNotNull();
    assertThat(version.getAdditionalPrinterColumns()).extracting(c -> c.getName())
        .containsExactly("Phase", "Ready", "Target Hash", "Age");
  }

  @Test
  void givenMaxUnavailableTwo_whenRollingOutFourNodes_thenTwoNodesMoveAtOnceAndAllEndOnV2(
      TestCluster cluster) {
    try (RolloutOperator op = Fleet.operator(cluster, "rollout-e2e-parallel")) {
      // given
      Fleet fleet = new Fleet(cluster, "wide");
      fleet.create(4, "node:v1", nd -> {
        nd.setSpec(nd.getSpec().withMaxUnavailable(2));
        return nd;
      });
      fleet.awaitReadyOn("node:v1", 4);
      fleet.pauseNodes(4);

      // when
      fleet.setImage("node:v2");

      // then: nodes 0 and 1 are applied together, node 2 waits for them
      cluster.eventually(() -> {
        assertThat(fleet.taskDone("node-0/apply-statefulset")).isTrue();
        assertThat(fleet.taskDone("node-1/apply-statefulset")).isTrue();
      });
      assertThat(fleet.task("node-2/apply-statefulset").state())
          .isEqualTo(dev.converge.rollout.api.PlanTask.State.Pending);
      fleet.resumeNodes(4);
      fleet.awaitReadyOn("node:v2", 4);
    }
  }
}
