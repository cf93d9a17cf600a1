package dev.converge.sandbox.lifecycle;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class NamespaceLifecycleTest {
  static Sandbox sandbox;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start();
    client = SandboxFixture.client(sandbox);
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @Test
  void givenNamespaceWithContent_whenDeleted_thenContentGoesAndThenTheNamespace() {
    // given
    createNamespace("doomed");
    client.configMaps().inNamespace("doomed").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("one").endMetadata().build()).create();
    client.secrets().inNamespace("doomed").resource(new SecretBuilder()
        .withNewMetadata().withName("two").endMetadata().build()).create();
    client.apps().deployments().inNamespace("doomed").resource(new DeploymentBuilder()
        .withNewMetadata().withName("three").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "x").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "x").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer()
        .endSpec().endTemplate().endSpec().build()).create();

    // when
    client.namespaces().withName("doomed").delete();

    // then
    await().atMost(5, SECONDS).untilAsserted(() -> {
      assertThat(client.namespaces().withName("doomed").get()).isNull();
      assertThat(sandbox.store().list("configmaps", "doomed").items()).isEmpty();
      assertThat(sandbox.store().list("secrets", "doomed").items()).isEmpty();
      assertThat(sandbox.store().list("deployments.apps", "doomed").items()).isEmpty();
    });
    assertThat(client.namespaces().withName("default").get()).isNotNull();
  }

  @Test
  void givenConfigMapWithFinalizer_whenNamespaceDeleted_thenTerminatingUntilFinalizerRemoved() {
    // given
    createNamespace("held");
    client.configMaps().inNamespace("held").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("hold").withFinalizers("example.com/hold").endMetadata()
        .build()).create();

    // when
    client.namespaces().withName("held").delete();

    // then the namespace reports what it waits for, and keeps waiting
    await().atMost(5, SECONDS).ignoreExceptions().untilAsserted(() -> {
      Namespace ns = client.namespaces().withName("held").get();
      assertThat(ns.getStatus().getPhase()).isEqualTo("Terminating");
      assertThat(condition(ns, "NamespaceContentRemaining").getMessage())
          .isEqualTo("Some resources are remaining: configmaps has 1 resource instances");
      assertThat(condition(ns, "NamespaceFinalizersRemaining").getMessage()).isEqualTo(
          "Some content in the namespace has finalizers remaining: example.com/hold in 1"
              + " resource instances");
      assertThat(client.configMaps().inNamespace("held").withName("hold").get().getMetadata()
          .getDeletionTimestamp()).isNotNull();
    });
    await().during(300, MILLISECONDS).atMost(2, SECONDS).untilAsserted(() ->
        assertThat(client.namespaces().withName("held").get()).isNotNull());

    // when the finalizer is removed
    releaseFinalizers("held", "hold");

    // then
    await().atMost(5, SECONDS).untilAsserted(() -> {
      assertThat(client.configMaps().inNamespace("held").withName("hold").get()).isNull();
      assertThat(client.namespaces().withName("held").get()).isNull();
    });
  }

  @Test
  void givenTerminatingNamespace_whenCreatingInIt_thenForbiddenNamespaceTerminating() {
    // given
    createNamespace("closing");
    client.configMaps().inNamespace("closing").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("hold").withFinalizers("example.com/hold").endMetadata()
        .build()).create();
    client.namespaces().withName("closing").delete();

    // when / then
    assertThatThrownBy(() -> client.configMaps().inNamespace("closing").resource(
        new ConfigMapBuilder().withNewMetadata().withName("late").endMetadata().build()).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(403);
          assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
          assertThat(e.getStatus().getMessage()).contains("because it is being terminated");
          assertThat(e.getStatus().getDetails().getCauses())
              .anySatisfy(c -> assertThat(c.getReason()).isEqualTo("NamespaceTerminating"));
        });
  }

  @Test
  void givenNamespaceDeleted_whenFinalized_thenFinalizeRemovedKubernetesFinalizer() {
    // given
    createNamespace("watched");
    client.configMaps().inNamespace("watched").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("hold").withFinalizers("example.com/hold").endMetadata()
        .build()).create();
    client.namespaces().withName("watched").delete();

    // then the kubernetes finalizer stays while content remains
    await().atMost(5, SECONDS).untilAsserted(() -> assertThat(
        condition(client.namespaces().withName("watched").get(), "NamespaceContentRemaining")
            .getStatus()).isEqualTo("True"));
    assertThat(client.namespaces().withName("watched").get().getSpec().getFinalizers())
        .containsExactly("kubernetes");
    releaseFinalizers("watched", "hold");
    await().atMost(5, SECONDS).untilAsserted(() ->
        assertThat(client.namespaces().withName("watched").get()).isNull());
  }

  /** Removes every finalizer with a plain update (PUT), as a finalizing controller would. */
  private static void releaseFinalizers(String namespace, String name) {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
    cm.getMetadata().setFinalizers(List.of());
    client.configMaps().inNamespace(namespace).resource(cm).update();
  }

  private static void createNamespace(String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .withLabels(Map.of("test", "lifecycle")).endMetadata().build()).create();
  }

  private static NamespaceCondition condition(Namespace ns, String type) {
    return ns.getStatus().getConditions().stream().filter(c -> c.getType().equals(type))
        .findFirst().orElseThrow(() -> new AssertionError("no condition " + type));
  }
}
