package dev.converge.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.TestCluster;
import org.junit.jupiter.api.Test;

/** The module's tests get a cluster from the testkit. */
@ConvergeCluster(controllers = false)
class TestkitSmokeTest {
  @Test
  void aClusterWithAFreshNamespaceIsInjected(TestCluster cluster) {
    assertThat(cluster.client().namespaces().withName(cluster.namespace()).get()).isNotNull();
  }
}
