package dev.converge.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operator killed between a pod delete and the status write that records it (issue 10,
 * crashes; RestartTest covers a kill between persisted tasks). Every status write of the first
 * operator fails (503), so it deletes node 0's pod and dies with nothing persisted; the next
 * operator starts the plan over and must find node 0 already replaced instead of deleting its new
 * pod again.
 */
@ConvergeCluster(controllers = true)
@Requires({Capability.FAULTS, Capability.REQUEST_COUNTS})
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KilledAfterPodDeleteTest {

  @BeforeAll
  static void installCrd(TestCluster cluster) {
    RolloutOperator.installCrd(cluster.client());
  }

  @Test
  void givenPodDeletedButStatusNeverWritten_whenAnotherOperatorTakesOver_thenNoNodeIsReplacedTwice(
      TestCluster cluster) {
    Fleet fleet = new Fleet(cluster, "chain");
    String first = "rollout-killed";
    String second = "rollout-after-kill";
    RequestQuery podDeletes = RequestQuery.all().resource("pods").verb("delete").outcome("200");
    String pod0OnV2;
    try (RolloutOperator op = Fleet.operator(cluster, first)) {
      // given: node 0's pod deleted by an operator whose status writes never land
      fleet.create(3, "node:v1");
      fleet.awaitReadyOn("node:v1", 3);
      String pod0OnV1 = fleet.pod(0).getMetadata().getUid();
      cluster.faults().add(FaultSpec.parse("verb=update,path=/apis/converge.dev/v1alpha1/"
          + "namespaces/*/nodedeployments/*/status,status=503,client=" + first));
      fleet.setImage("node:v2");
      cluster.eventually(() -> assertThat(cluster.requests().count(podDeletes.client(first)))
          .isPositive());
      cluster.eventually(() -> assertThat(fleet.pod(0).getMetadata().getUid())
          .isNotEqualTo(pod0OnV1));
      pod0OnV2 = fleet.pod(0).getMetadata().getUid();
      assertThat(fleet.status().rollout()).as("nothing persisted").isNull();
    } // when: killed

    try (RolloutOperator op = Fleet.operator(cluster, second)) {
      // then: the plan starts over, node 0 counts as replaced, every node replaced once
      fleet.awaitReadyOn("node:v2", 3);
      assertThat(fleet.pod(0).getMetadata().getUid()).isEqualTo(pod0OnV2);
      long byFirst = cluster.requests().count(podDeletes.client(first));
      long bySecond = cluster.requests().count(podDeletes.client(second));
      assertThat(byFirst + bySecond).as("pod deletes: first %d, second %d", byFirst, bySecond)
          .isEqualTo(3);
      assertThat(cluster.events(fleet.get(), "RolloutStarted")).hasSize(1);
      assertThat(cluster.events(fleet.get(), "RolloutComplete")).hasSize(1);
    }
  }
}
