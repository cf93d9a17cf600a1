package dev.converge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.sandbox.faults.FaultSpec;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/** Faults and request counts reach tests through the extension. */
@ConvergeCluster
@Requires({Capability.FAULTS, Capability.REQUEST_COUNTS})
class SandboxCapabilitiesTest {
  @Test
  void aFaultRuleReachesTheClientAndRequestsAreCounted(TestCluster cluster) {
    cluster.faults().add(FaultSpec.parse("verb=create,path=/api/v1/namespaces/"
        + cluster.namespace() + "/configmaps,status=503,count=1"));
    cluster.requests().reset();
    var configMaps = cluster.client().configMaps().inNamespace(cluster.namespace());
    var cm = new ConfigMapBuilder().withNewMetadata().withName("faulted").endMetadata().build();
    assertThatThrownBy(() -> configMaps.resource(cm).create())
        .isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(503));
    configMaps.resource(cm).create();
    assertThat(cluster.requests().count("create", "configmaps")).isEqualTo(2);
  }
}
