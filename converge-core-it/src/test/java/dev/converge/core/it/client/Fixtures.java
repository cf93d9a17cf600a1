package dev.converge.core.it.client;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;

/** Clients, objects and request counts shared by the client's integration tests. */
final class Fixtures {

  /** Quick retries so that tests with many faults stay fast; the delays are not what is tested. */
  static final RetryPolicy FAST = RetryPolicy.builder().baseDelay(Duration.ofMillis(5))
      .maxDelay(Duration.ofMillis(50)).maxAttempts(6).deadline(Duration.ofSeconds(20)).build();

  private Fixtures() {}

  static ConvergeClient ops(TestCluster cluster, RetryPolicy policy) {
    return ConvergeClient.wrap(cluster.client(), ClientOptions.DEFAULTS.with(b -> b.retryPolicy(policy)));
  }

  static ConfigMap configMap(String namespace, String name, String key, String value) {
    return new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName(name)
        .endMetadata().addToData(key, value).build();
  }

  /** Requests of {@code verb} on ConfigMaps in the test's namespace. */
  static long configMapRequests(TestCluster cluster, String verb) {
    return cluster.requests().count(RequestQuery.all().verb(verb).resource("configmaps")
        .namespace(cluster.namespace()));
  }

  static String configMapsPath(TestCluster cluster) {
    return "/api/v1/namespaces/" + cluster.namespace() + "/configmaps";
  }
}
