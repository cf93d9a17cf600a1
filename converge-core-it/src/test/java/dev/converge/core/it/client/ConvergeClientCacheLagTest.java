package dev.converge.core.it.client;

import static dev.converge.core.it.client.Fixtures.configMap;
import static dev.converge.core.it.client.Fixtures.configMapsPath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.client.Kind;
import dev.converge.core.client.ListOption;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regression for issue 4 (cache lag): a decision right after a write must read live. With watch
 * events reaching the informer 2 s late, the live read sees the write and the cached read does not.
 */
@ConvergeCluster(controllers = false)
@Requires({Capability.FAULTS, Capability.WATCH_DELAY})
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConvergeClientCacheLagTest {

  /** The informers' User-Agent, so that the watch delay hits them and nothing else. */
  private static final String INFORMER_AGENT = "converge-informer-lag-test";

  @AfterEach
  void clearFaults(TestCluster cluster) {
    cluster.faults().clear();
  }

  @Test
  void givenWatchEventsDelayed2s_whenReadRightAfterWrite_thenLiveSeesItAndCachedDoesNotYet(TestCluster cluster) {
    // given
    cluster.faults().add(FaultSpec.parse("path=" + configMapsPath(cluster)
        + ",watch-delay=2s,client=" + INFORMER_AGENT));
    try (KubernetesClient informerClient = new KubernetesClientBuilder().withConfig(
            new ConfigBuilder(cluster.config()).withUserAgent(INFORMER_AGENT).build()).build();
        ConvergeClient ops = ConvergeClient.wrap(cluster.client(), ClientOptions.DEFAULTS.with(
            b -> b.retryPolicy(Fixtures.FAST).informerClient(informerClient)))) {
      Kind<ConfigMap> configMaps = Kind.of(ConfigMap.class);
      ops.cached().awaitSynced(configMaps, cluster.namespace(), Duration.ofSeconds(10));

      // when
      ops.apply(configMap(cluster.namespace(), "app", "k", "v1"));

      // then
      assertThat(ops.get(configMaps, cluster.namespace(), "app")).isPresent();
      assertThat(ops.cached().get(configMaps, cluster.namespace(), "app")).isEmpty();
      assertThat(ops.cached().list(configMaps, cluster.namespace())).isEmpty();
      // and the cache catches up once the delayed event arrives
      cluster.eventually(Duration.ofSeconds(10), () ->
          assertThat(ops.cached().get(configMaps, cluster.namespace(), "app")).isPresent());
    }
  }

  @Test
  void givenNoDelay_whenCachedReadsWithASelector_thenTheyReflectTheCluster(TestCluster cluster) {
    // given
    try (ConvergeClient ops = Fixtures.ops(cluster, Fixtures.FAST)) {
      cluster.client().resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder(
          configMap(cluster.namespace(), "labelled", "k", "v")).editMetadata()
          .addToLabels("tier", "front").endMetadata().build()).create();
      cluster.client().resource(configMap(cluster.namespace(), "plain", "k", "v")).create();

      // when / then
      cluster.eventually(Duration.ofSeconds(10), () -> assertThat(ops.cached().list(Kind.of(ConfigMap.class),
          cluster.namespace(), ListOption.labelSelector("tier=front")))
          .extracting(cm -> cm.getMetadata().getName()).containsExactly("labelled"));
    }
  }
}
