package dev.converge.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.rollout.api.NodeDeploymentStatus;
import dev.converge.rollout.api.PlanTask;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Restart safety and leader election: a controller killed mid-plan is replaced by another that
 * resumes the persisted plan without repeating completed tasks; of two replicas only the Lease
 * holder acts.
 */
@ConvergeCluster(controllers = true)
@Requires({Capability.CONTROLLER_CONTROL, Capability.REQUEST_COUNTS})
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RestartTest {

  @BeforeAll
  static void installCrd(TestCluster cluster) {
    RolloutOperator.installCrd(cluster.client());
  }

  @Test
  void givenPlanHalfDone_whenControllerKilledAndAnotherStarts_thenPlanResumesWithoutRepeats(
      TestCluster cluster) {
    Fleet fleet = new Fleet(cluster, "chain");
    String planId;
    List<PlanTask> doneBefore;
    String pod0Uid;
    try (RolloutOperator first = Fleet.operator(cluster, "rollout-first")) {
      // given: node 0 fully rolled, node 1 stuck after its apply
      fleet.create(3, "node:v1");
      fleet.awaitReadyOn("node:v1", 3);
      cluster.controllers().pause("statefulsets", cluster.namespace(), "chain-1");
      fleet.setImage("node:v2");
      cluster.eventually(() -> {
        assertThat(fleet.taskDone("node-0/observe-image")).isTrue();
        assertThat(fleet.taskDone("node-1/apply-statefulset")).isTrue();
      });
      NodeDeploymentStatus s = fleet.status();
      planId = s.plan().id();
      doneBefore = s.plan().tasks().stream().filter(t -> t.state() == PlanTask.State.Done)
          .toList();
      pod0Uid = fleet.pod(0).getMetadata().getUid();
    } // when: killed mid-plan

    try (RolloutOperator second = Fleet.operator(cluster, "rollout-second")) {
      // then: the second controller works on the same plan
      cluster.eventually(() -> assertThat(cluster.requests().count(RequestQuery.all()
          .client("rollout-second").resource("nodedeployments").verb("get"))).isPositive());
      cluster.consistently(Duration.ofSeconds(2), () -> {
        NodeDeploymentStatus s = fleet.status();
        assertThat(s.plan().id()).isEqualTo(planId);
        assertThat(s.plan().tasks()).containsAll(doneBefore);
      });
      cluster.controllers().resume("statefulsets", cluster.namespace(), "chain-1");
      fleet.awaitReadyOn("node:v2", 3);
      // completed tasks were not repeated: node 0's pod was not replaced a second time
      assertThat(fleet.pod(0).getMetadata().getUid()).isEqualTo(pod0Uid);
      assertThat(cluster.events(fleet.get(), "RolloutStarted")).hasSize(1);
      assertThat(cluster.events(fleet.get(), "RolloutSuperseded")).isEmpty();
      assertThat(cluster.requests().count(RequestQuery.all().client("rollout-second")
          .resource("pods").verb("delete"))).isEqualTo(2);
    }
  }

  @Test
  void givenTwoReplicasWithLeaderElection_whenRollingOut_thenOnlyTheLeaseHolderActsAndTheOtherTakesOver(
      TestCluster cluster) {
    Duration lease = Duration.ofSeconds(2);
    OperatorOptions a = Fleet.options(cluster, "rollout-a")
        .withLeaderElection(cluster.namespace(), "a", lease).withoutExitOnLostLease();
    OperatorOptions b = Fleet.options(cluster, "rollout-b")
        .withLeaderElection(cluster.namespace(), "b", lease).withoutExitOnLostLease();
    RolloutOperator opA = RolloutOperator.start(cluster.config(), a);
    try (RolloutOperator opB = RolloutOperator.start(cluster.config(), b)) {
      // given
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(2, "node:v1");
      fleet.awaitReadyOn("node:v1", 2);

      // then: exactly one of them wrote anything
      long writesA = writes(cluster, "rollout-a");
      long writesB = writes(cluster, "rollout-b");
      assertThat(writesA == 0 ^ writesB == 0).as("writes a=%d b=%d", writesA, writesB).isTrue();
      boolean aLeads = writesA > 0;
      String follower = aLeads ? "rollout-b" : "rollout-a";
      String holder = cluster.client().leases().inNamespace(cluster.namespace())
          .withName(OperatorOptions.LEASE_NAME).get().getSpec().getHolderIdentity();
      assertThat(holder).isEqualTo(aLeads ? "a" : "b");

      // when: the leader goes away
      if (aLeads) {
        opA.close();
      } else {
        opB.close();
      }
      fleet.setImage("node:v2");

      // then: the other takes the Lease and completes the rollout
      fleet.awaitReadyOn("node:v2", 2);
      assertThat(writes(cluster, follower)).isPositive();
    } finally {
      opA.close();
    }
  }

  private static long writes(TestCluster cluster, String client) {
    return List.of("create", "update", "patch", "delete").stream()
        .mapToLong(v -> cluster.requests().count(RequestQuery.all().client(client)
            .resource("statefulsets").verb(v))
            + cluster.requests().count(RequestQuery.all().client(client)
            .resource("nodedeployments").verb(v)))
        .sum();
  }
}
