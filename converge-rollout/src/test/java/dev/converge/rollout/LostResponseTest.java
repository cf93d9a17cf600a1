package dev.converge.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Writes that committed but whose response was lost (connection reset after commit), found by the
 * rollout fault matrix (issue 10): the retried pod delete must not delete the successor the
 * StatefulSet controller already created, and a status write answered by Conflict on its retry
 * must count as written, so its RolloutComplete event is still recorded.
 */
@ConvergeCluster(controllers = true)
@Requires({Capability.FAULTS, Capability.REQUEST_COUNTS})
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LostResponseTest {

  @BeforeAll
  static void installCrd(TestCluster cluster) {
    RolloutOperator.installCrd(cluster.client());
  }

  @AfterEach
  void clearFaults(TestCluster cluster) {
    cluster.faults().clear();
  }

  @Test
  void givenPodDeleteResponseLost_whenRetried_thenTheSuccessorPodIsNotDeleted(
      TestCluster cluster) {
    String agent = "rollout-lost-delete";
    try (RolloutOperator op = Fleet.operator(cluster, agent)) {
      // given
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(3, "node:v1");
      fleet.awaitReadyOn("node:v1", 3);
      String pods = "verb=delete,path=/api/v1/namespaces/*/pods/*,client=" + agent;
      // the first delete commits and loses its answer; each delete waits long enough for the
      // StatefulSet controller to create the successor before the retry lands
      cluster.faults().add(FaultSpec.parse(pods + ",reset-after-commit,count=1"));
      cluster.faults().add(FaultSpec.parse(pods + ",latency=1s"));

      // when
      fleet.setImage("node:v2");

      // then: one committed delete per node; the retry of node 0's was refused (409)
      fleet.awaitReadyOn("node:v2", 3);
      RequestQuery deletes = RequestQuery.all().client(agent).resource("pods").verb("delete");
      assertThat(cluster.requests().count(deletes.outcome("200"))).as("pod deletes answered 200")
          .isEqualTo(2);
      assertThat(cluster.requests().count(deletes.outcome("409"))).as("retry refused").isEqualTo(1);
      assertThat(cluster.events(fleet.get(), "RolloutComplete")).hasSize(1);
    }
  }

  @Test
  void givenTheRolloutStartWriteLosesItsResponse_whenRetried_thenEachEventIsRecordedOnce(
      TestCluster cluster) {
    String agent = "rollout-lost-status";
    try (RolloutOperator op = Fleet.operator(cluster, agent)) {
      // given
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(2, "node:v1");
      fleet.awaitReadyOn("node:v1", 2);
      // the next status write (the one starting the rollout) commits and loses its answer; its
      // retry is answered Conflict, and the re-read finds the status it wrote
      cluster.faults().add(FaultSpec.parse("verb=update,path=/apis/converge.dev/v1alpha1/"
          + "namespaces/*/nodedeployments/*/status,reset-after-commit,count=1,client=" + agent));

      // when
      fleet.setImage("node:v2");

      // then
      fleet.awaitReadyOn("node:v2", 2);
      cluster.eventually(() -> assertThat(cluster.events(fleet.get(), "RolloutComplete"))
          .hasSize(1));
      assertThat(cluster.events(fleet.get(), "RolloutStarted")).hasSize(1);
      assertThat(cluster.requests().count(RequestQuery.all().client(agent)
          .resource("nodedeployments").subresource("status").verb("update").outcome("409")))
          .as("the retry's Conflict").isPositive();
    }
  }
}
