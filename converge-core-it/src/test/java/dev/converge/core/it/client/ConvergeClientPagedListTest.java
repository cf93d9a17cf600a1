package dev.converge.core.it.client;

import static dev.converge.core.it.client.Fixtures.configMap;
import static dev.converge.core.it.client.Fixtures.configMapRequests;
import static dev.converge.core.it.client.Fixtures.configMapsPath;
import static dev.converge.core.it.client.Fixtures.ops;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.client.ConvergeClient;
import dev.converge.core.client.Kind;
import dev.converge.core.client.ListOption;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A paged list reads limit-sized pages with continue tokens and joins them, retries included. */
@ConvergeCluster(controllers = false)
@Requires({Capability.FAULTS, Capability.REQUEST_COUNTS})
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConvergeClientPagedListTest {

  @AfterEach
  void clearFaults(TestCluster cluster) {
    cluster.faults().clear();
  }

  private static void createConfigMaps(TestCluster cluster, int n) {
    for (int i = 0; i < n; i++) {
      cluster.client().resource(configMap(cluster.namespace(), "cm-" + i, "k", "v" + i)).create();
    }
  }

  @Test
  void givenSevenConfigMaps_whenListedInPagesOfThree_thenAllSevenFromThreeRequests(TestCluster cluster) {
    // given
    createConfigMaps(cluster, 7);
    ConvergeClient ops = ops(cluster, Fixtures.FAST);
    long before = configMapRequests(cluster, "list");

    // when
    List<ConfigMap> all = ops.list(Kind.of(ConfigMap.class), cluster.namespace(), ListOption.pageSize(3));

    // then
    assertThat(all).extracting(cm -> cm.getMetadata().getName()).filteredOn(n -> n.startsWith("cm-"))
        .containsExactlyInAnyOrder("cm-0", "cm-1", "cm-2", "cm-3", "cm-4", "cm-5", "cm-6");
    assertThat(configMapRequests(cluster, "list") - before).isEqualTo(3);
  }

  @Test
  void givenListFailsOnceWith503_whenListedInPages_thenRetriedAndEachObjectReturnedOnce(TestCluster cluster) {
    // given
    createConfigMaps(cluster, 5);
    cluster.faults().add(FaultSpec.parse("verb=list,path=" + configMapsPath(cluster) + "*,status=503,count=1"));
    ConvergeClient ops = ops(cluster, Fixtures.FAST);

    // when
    List<ConfigMap> all = ops.list(Kind.of(ConfigMap.class), cluster.namespace(), ListOption.pageSize(2));

    // then
    assertThat(all).extracting(cm -> cm.getMetadata().getName()).filteredOn(n -> n.startsWith("cm-"))
        .containsExactlyInAnyOrder("cm-0", "cm-1", "cm-2", "cm-3", "cm-4");
  }
}
