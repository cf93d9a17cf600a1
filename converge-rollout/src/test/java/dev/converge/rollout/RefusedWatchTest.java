package dev.converge.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.rollout.api.NodeDeploymentStatus;
import dev.converge.rollout.api.Phase;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Refused watch reconnects (issue 10 fault matrix, connections refused for 300 ms at 30 %: a run
 * stayed Pending, 0/3 nodes ready, for 90 s). The controller learns that nodes became ready only
 * from its StatefulSet informer; with fabric8's default reconnect backoff (1 s doubling to 32 s)
 * four refused reconnects left that informer blind for 31 s. The operator's shorter interval
 * ({@link RolloutOperator#WATCH_RECONNECT_INTERVAL}) brings it back after about 13 s.
 */
@ConvergeCluster(controllers = true)
@Requires({Capability.FAULTS, Capability.CONTROLLER_CONTROL})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RefusedWatchTest {
  private static final String AGENT = "rollout-refused-watch";
  /**
   * Reconnects at 0.6, 1.4, 3.0 and 6.2 s refused, the next at 12.6 s succeeds; at fabric8's
   * default interval the refused ones come at 1, 3, 7 and 15 s and the watch is back at 31 s.
   */
  private static final int REFUSED_RECONNECTS = 4;
  private static final Duration BACK_WITHIN = Duration.ofSeconds(20);

  @BeforeAll
  static void installCrd(TestCluster cluster) {
    RolloutOperator.installCrd(cluster.client());
  }

  @AfterEach
  void clearFaults(TestCluster cluster) {
    cluster.faults().clear();
  }

  @Test
  void givenStatefulSetWatchBrokenAndReconnectsRefused_whenNodesBecomeReady_thenReadyWithin20s(
      TestCluster cluster) {
    try (RolloutOperator op = Fleet.operator(cluster, AGENT)) {
      // given: nodes created but held not ready, the operator waiting on StatefulSet events
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.pauseNodes(3);
      fleet.create(3, "node:v1");
      cluster.eventually(() -> {
        NodeDeploymentStatus s = fleet.status();
        assertThat(s.phase()).isEqualTo(Phase.Pending);
        assertThat(fleet.statefulSet(2)).isNotNull();
      });
      // ... then its watch broken (a refusal closes every connection) and the next reconnects
      // of the operator's StatefulSet watch refused again
      cluster.faults().add(FaultSpec.parse("verb=watch,path=/apis/apps/v1/**/statefulsets**"
          + ",refuse=300ms,count=" + REFUSED_RECONNECTS + ",client=" + AGENT));
      cluster.faults().refuseConnections(Duration.ofMillis(300)).toCompletionStage()
          .toCompletableFuture().join();

      // when: the nodes become ready while the watch is down
      fleet.resumeNodes(3);

      // then: the informer is back, and the phase with it, well before fabric8's default allows
      cluster.eventually(BACK_WITHIN, () -> {
        NodeDeploymentStatus s = fleet.status();
        assertThat(s.phase()).isEqualTo(Phase.Ready);
        assertThat(s.readyReplicas()).isEqualTo(3);
      });
      assertThat(cluster.faults().rules()).as("refused reconnects")
          .allSatisfy(r -> assertThat(r.applied()).isEqualTo(REFUSED_RECONNECTS));
    }
  }
}
