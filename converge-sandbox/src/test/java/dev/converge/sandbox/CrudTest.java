package dev.converge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CrudTest {
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
  void createGetUpdateDeleteConfigMap() {
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("crud").endMetadata()
        .addToData("a", "1").build();
    ConfigMap created = client.configMaps().inNamespace("default").resource(cm).create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
    assertThat(created.getMetadata().getCreationTimestamp()).isNotBlank();

    ConfigMap got = client.configMaps().inNamespace("default").withName("crud").get();
    assertThat(got.getData()).containsEntry("a", "1");

    got.getData().put("b", "2");
    ConfigMap updated = client.configMaps().inNamespace("default").resource(got).update();
    assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));

    assertThat(client.configMaps().inNamespace("default").withName("crud").delete()).hasSize(1);
    assertThat(client.configMaps().inNamespace("default").withName("crud").get()).isNull();
  }

  @Test
  void createTwiceIsAlreadyExists() {
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("twice").endMetadata().build();
    client.configMaps().inNamespace("default").resource(cm).create();
    assertThatThrownBy(() -> client.configMaps().inNamespace("default").resource(cm).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
        });
  }

  @Test
  void staleUpdateIsConflict() {
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("stale").endMetadata().build();
    ConfigMap created = client.configMaps().inNamespace("default").resource(cm).create();
    client.configMaps().inNamespace("default")
        .resource(new ConfigMapBuilder(created).addToData("k", "first").build()).update();
    ConfigMap stale = new ConfigMapBuilder(created).addToData("k", "second").build();
    assertThatThrownBy(() -> client.configMaps().inNamespace("default").resource(stale).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
        });
  }

  @Test
  void generationBumpsOnSpecChangesOnly() {
    Deployment d = new DeploymentBuilder().withNewMetadata().withName("gen").endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "gen")
        .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "gen").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("nginx:1").endContainer()
        .endSpec().endTemplate().endSpec().build();
    Deployment created = client.apps().deployments().inNamespace("default").resource(d).create();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    Deployment labelled = client.apps().deployments().inNamespace("default").withName("gen")
        .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}");
    assertThat(labelled.getMetadata().getGeneration()).isEqualTo(1L);
    Deployment scaled = client.apps().deployments().inNamespace("default").withName("gen")
        .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"spec\":{\"replicas\":3}}");
    assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void namespacedCreateNeedsNamespace() {
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("x").endMetadata().build();
    assertThatThrownBy(() -> client.configMaps().inNamespace("nope").resource(cm).create())
        .isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void builtinNamespacesExist() {
    assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
        .contains("default", "kube-system", "kube-public", "kube-node-lease");
  }
}
