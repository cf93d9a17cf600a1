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
 * Status writes are compare-and-swap: when the spec changes while the operator's status write is
 * in flight, the write gets 409 Conflict, the operator re-reads and decides again, and the stale
 * decision is never persisted or announced.
 */
@ConvergeCluster(controllers = true)
@Requires({Capability.FAULTS, Capability.REQUEST_COUNTS})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatusConflictTest {

  @BeforeAll
  static void installCrd(TestCluster cluster) {
    RolloutOperator.installCrd(cluster.client());
  }

  @AfterEach
  void clearFaults(TestCluster cluster) {
    cluster.faults().clear();
  }

  @Test
  void givenStatusWriteDelayed_whenSpecChangesMeanwhile_thenConflictIsReDecidedFromFreshRead(
      TestCluster cluster) {
    try (RolloutOperator op = Fleet.operator(cluster, "rollout-conflict")) {
      // given: the operator's next status write is held for 2 s
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(1, "node:v1");
      fleet.awaitReadyOn("node:v1", 1);
      cluster.faults().add(FaultSpec.parse("verb=update,path=/apis/converge.dev/v1alpha1/"
          + "namespaces/*/nodedeployments/*/status,latency=2s,count=1,client=rollout-conflict"));

      // when: v2 is decided (its StatefulSet apply lands) but the status write is still held,
      // and the template changes to v3 meanwhile
      fleet.setImage("node:v2");
      cluster.eventually(() -> assertThat(fleet.statefulSet(0).getSpec().getTemplate().getSpec()
          .getContainers().get(0).getImage()).isEqualTo("node:v2"));
      fleet.setImage("node:v3");

      // then: the held write conflicted, and only the v3 decision was persisted and announced
      fleet.awaitReadyOn("node:v3", 1);
      assertThat(cluster.requests().count(RequestQuery.all().client("rollout-conflict")
          .resource("nodedeployments").subresource("status").verb("update").outcome("409")))
          .isEqualTo(1);
      assertThat(cluster.events(fleet.get(), "RolloutStarted")).singleElement()
          .satisfies(e -> assertThat(e.getMessage()).contains(
              dev.converge.rollout.internal.TemplateHash.shortForm(Fleet.hash("node:v3"))));
      assertThat(cluster.events(fleet.get(), "RolloutSuperseded")).isEmpty();
    }
  }
}
