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
 * Event writes failing past the core client's retries (found by the rollout fault matrix at 30 %
 * refused connections: a completed rollout without its RolloutComplete event): the recorder writes
 * them again in the background, so each event is recorded, once.
 */
@ConvergeCluster(controllers = true)
@Requires({Capability.FAULTS, Capability.REQUEST_COUNTS})
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EventRetryTest {

  @BeforeAll
  static void installCrd(TestCluster cluster) {
    RolloutOperator.installCrd(cluster.client());
  }

  @AfterEach
  void clearFaults(TestCluster cluster) {
    cluster.faults().clear();
  }

  @Test
  void givenEventWritesFailingPastTheClientRetries_whenRollingOut_thenEachEventIsRecordedOnce(
      TestCluster cluster) {
    String agent = "rollout-event-retry";
    try (RolloutOperator op = Fleet.operator(cluster, agent)) {
      // given: the next 9 event writes fail, more than one write's retries (6 attempts) absorb
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(2, "node:v1");
      fleet.awaitReadyOn("node:v1", 2);
      cluster.faults().add(FaultSpec.parse(
          "verb=create,path=/api/v1/namespaces/*/events,status=503,count=9,client=" + agent));

      // when
      fleet.setImage("node:v2");

      // then
      fleet.awaitReadyOn("node:v2", 2);
      cluster.eventually(() -> {
        assertThat(cluster.events(fleet.get(), "RolloutStarted")).hasSize(1);
        assertThat(cluster.events(fleet.get(), "RolloutComplete")).hasSize(1);
      });
      assertThat(cluster.requests().count(RequestQuery.all().client(agent).resource("events")
          .verb("create").outcome("503"))).as("failed event writes").isEqualTo(9);
    }
  }
}
