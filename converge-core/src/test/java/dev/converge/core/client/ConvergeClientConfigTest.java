package dev.converge.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

/** Converge is the only retry layer; kinds and paths name calls correctly. No cluster needed. */
class ConvergeClientConfigTest {

  private static Config config(int retryLimit) {
    return new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:1")
        .withRequestRetryBackoffLimit(retryLimit).build();
  }

  @Test
  void givenAClientWithFabric8RetryOn_whenWrapped_thenRefusedWithTheFix() {
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config(10)).build()) {
      assertThatThrownBy(() -> ConvergeClient.wrap(client, ClientOptions.DEFAULTS))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("requestRetryBackoffLimit 10")
          .hasMessageContaining("withoutRetry");
    }
  }

  @Test
  void givenAConfigWithRetryOn_whenCopiedWithoutRetry_thenLimitIsZeroAndOriginalUntouched() {
    Config original = config(10);

    Config copy = ConvergeClient.withoutRetry(original);

    assertThat(copy.getRequestRetryBackoffLimit()).isZero();
    assertThat(original.getRequestRetryBackoffLimit()).isEqualTo(10);
  }

  @Test
  void givenAClientWithRetryOff_whenWrapped_thenAccepted() {
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config(0)).build();
        ConvergeClient ops = ConvergeClient.wrap(client, ClientOptions.DEFAULTS)) {
      assertThat(ops.options().fieldManager()).isEqualTo("converge");
    }
  }

  @Test
  void kindsOfModelClassesCarryTheirApiVersion() {
    assertThat(Kind.of(Deployment.class)).isEqualTo(new Kind<>(Deployment.class, "apps/v1", "Deployment"));
    assertThat(Kind.unstructured("example.com/v1", "Widget").unstructured()).isTrue();
    assertThatThrownBy(() -> Kind.of(GenericKubernetesResource.class))
        .hasMessageContaining("Kind.unstructured");
  }

  @Test
  void pathsFollowTheApiServerLayout() {
    assertThat(ResourceType.of(Deployment.class).path("prod", "web", "status"))
        .isEqualTo("/apis/apps/v1/namespaces/prod/deployments/web/status");
    assertThat(ResourceType.of(ClusterRole.class).path("ignored", "admin", null))
        .isEqualTo("/apis/rbac.authorization.k8s.io/v1/clusterroles/admin");
    assertThat(new ResourceType("v1", "ConfigMap", "configmaps", true).path(null, null, null))
        .isEqualTo("/api/v1/configmaps");
  }
}
