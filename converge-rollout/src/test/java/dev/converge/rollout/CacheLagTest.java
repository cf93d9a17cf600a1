package dev.converge.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.rollout.api.NodeDeploymentStatus;
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
 * Cache-lag regression (seeds/002 item 1, #216): with the operator's StatefulSet watch events
 * delayed 2 s, replace-pod runs right after apply-statefulset while the informer cache still holds
 * the pre-apply object. Live reads complete the rollout; the cached-read variant (package-private
 * switch) marks replace-pod done without replacing the pod and deadlocks, which this test shows.
 */
@ConvergeCluster(controllers = true)
@Requires({Capability.FAULTS, Capability.WATCH_DELAY})
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CacheLagTest {

  @BeforeAll
  static void installCrd(TestCluster cluster) {
    RolloutOperator.installCrd(cluster.client());
  }

  @AfterEach
  void clearFaults(TestCluster cluster) {
    cluster.faults().clear();
  }

  private static void delayStatefulSetWatches(TestCluster cluster, String agent) {
    cluster.faults().add(FaultSpec.parse(
        "path=/apis/apps/v1/**/statefulsets**,watch-delay=2s,client=" + agent));
  }

  @Test
  void givenStatefulSetWatchDelayed2s_whenRollingOut_thenLiveReadsCompleteTheRollout(
      TestCluster cluster) {
    // given: the fault is in place before the operator's informers open their watches
    delayStatefulSetWatches(cluster, "rollout-lag-live");
    try (RolloutOperator op = Fleet.operator(cluster, "rollout-lag-live")) {
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(2, "node:v1");
      fleet.awaitReadyOn("node:v1", 2);

      // when
      fleet.setImage("node:v2");

      // then
      fleet.awaitReadyOn("node:v2", 2);
    }
  }

  @Test
  void givenStatefulSetWatchDelayed2s_whenReplacePodReadsTheCache_thenItNoOpsAndTheRolloutDeadlocks(
      TestCluster cluster) {
    // given: the deliberately wrong variant
    delayStatefulSetWatches(cluster, "rollout-lag-cached");
    OperatorOptions cached = Fleet.options(cluster, "rollout-lag-cached").withCachedTaskReads();
    try (RolloutOperator op = RolloutOperator.start(cluster.config(), cached)) {
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(2, "node:v1");
      fleet.awaitReadyOn("node:v1", 2);

      // when
      fleet.setImage("node:v2");

      // then: replace-pod counted as done while node 0's pod still runs v1 ...
      cluster.eventually(() -> {
        assertThat(fleet.taskDone("node-0/replace-pod")).isTrue();
        assertThat(fleet.podImage(0)).isEqualTo("node:v1");
      });
      // ... and nothing ever replaces it: the regression this suite exists to catch
      cluster.consistently(Duration.ofSeconds(5), () -> {
        NodeDeploymentStatus s = fleet.status();
        assertThat(s.rollout()).isNotNull();
        assertThat(fleet.podImage(0)).isEqualTo("node:v1");
      });
    }
  }
}
