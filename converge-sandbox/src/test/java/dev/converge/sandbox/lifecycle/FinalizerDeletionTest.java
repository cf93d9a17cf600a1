package dev.converge.sandbox.lifecycle;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.RawApi;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** DELETE of objects that carry finalizers, checked on the wire. */
@Timeout(30)
class FinalizerDeletionTest {
  static Sandbox sandbox;
  static KubernetesClient client;
  static RawApi raw;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start();
    client = SandboxFixture.client(sandbox);
    raw = new RawApi(sandbox);
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @Test
  void givenFinalizer_whenDeleted_then200WithTerminatingObjectUntilFinalizerRemoved() {
    // given
    held("held-200");

    // when
    RawApi.Response resp = raw.delete("/api/v1/namespaces/default/configmaps/held-200");

    // then
    assertThat(resp.code()).isEqualTo(200);
    assertThat(resp.json().path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(resp.json().path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
    await().during(300, MILLISECONDS).atMost(2, SECONDS).untilAsserted(() -> assertThat(
        client.configMaps().inNamespace("default").withName("held-200").get()).isNotNull());

    // when the finalizer is removed
    ConfigMap cm = client.configMaps().inNamespace("default").withName("held-200").get();
    cm.getMetadata().setFinalizers(List.of());
    client.configMaps().inNamespace("default").resource(cm).update();

    // then
    await().atMost(5, SECONDS).untilAsserted(() -> assertThat(
        client.configMaps().inNamespace("default").withName("held-200").get()).isNull());
  }

  @Test
  void givenFinalizer_whenDeletedWithOrphanDependentsFalse_then202() {
    held("held-202");

    RawApi.Response resp =
        raw.delete("/api/v1/namespaces/default/configmaps/held-202?orphanDependents=false");

    assertThat(resp.code()).isEqualTo(202);
    assertThat(resp.json().path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
  }

  @Test
  void givenFinalizer_whenDeletedWithBackgroundPolicy_then200NotAccepted() {
    held("held-bg");

    RawApi.Response resp = raw.delete(
        "/api/v1/namespaces/default/configmaps/held-bg?propagationPolicy=Background");

    assertThat(resp.code()).isEqualTo(200);
  }

  @Test
  void givenNoFinalizer_whenDeleted_then200WithSuccessStatus() {
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("free").endMetadata().build()).create();

    RawApi.Response resp = raw.delete("/api/v1/namespaces/default/configmaps/free");

    assertThat(resp.code()).isEqualTo(200);
    assertThat(resp.json().path("kind").asText()).isEqualTo("Status");
    assertThat(client.configMaps().inNamespace("default").withName("free").get()).isNull();
  }

  private static void held(String name) {
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
        .withName(name).withFinalizers("example.com/hold").endMetadata().build()).create();
  }
}
