package dev.converge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Tests that need what the backend lacks are skipped, with the reason; others run. */
class RequiresTest {
  @ConvergeCluster
  @Requires(Capability.FAULTS)
  static class NeedsFaults {
    @Test
    void injectsFaults(TestCluster cluster) {
      assertThat(cluster.sandboxFor(Capability.FAULTS)).isNotNull();
    }
  }

  @Test
  void onTheSandboxATestNeedingFaultsRuns() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(NeedsFaults.class))
        .execute().testEvents().assertStatistics(s -> s.started(1).succeeded(1).skipped(0));
  }

  @Test
  void onARealClusterItIsSkippedNamingCapabilityAndBackend() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(NeedsFaults.class))
        .configurationParameter(ConvergeClusterExtension.BACKEND_PARAMETER, "kubeconfig")
        .execute().containerEvents().assertThatEvents().haveExactly(1, event(skippedWithReason(
            "needs FAULTS, which the REAL_CLUSTER backend does not provide")));
  }
}
