package dev.converge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Status and scale subresources, dry run, generateName and no-op writes. */
class WriteSemanticsTest {
  static Sandbox sandbox;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    // Writes workload status by hand / counts exact revisions: no simulated controllers.
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(false));
    client = SandboxFixture.client(sandbox);
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  static Deployment deployment(String name) {
    return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", name)
        .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("nginx:1").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }

  @Test
  void statusSubresourceSplitsSpecAndStatusWrites() {
    Deployment created = client.apps().deployments().inNamespace("default")
        .resource(new DeploymentBuilder(deployment("split")).withNewStatus().withReplicas(7)
            .endStatus().build())
        .create();
    assertThat(created.getStatus()).as("status is dropped on create").isNull();

    Deployment withStatus = new DeploymentBuilder(created).withNewStatus()
        .withReplicas(2).withObservedGeneration(1L).endStatus()
        .editSpec().withReplicas(9).endSpec().build();
    Deployment afterStatus = client.apps().deployments().inNamespace("default")
        .resource(withStatus).updateStatus();
    assertThat(afterStatus.getStatus().getReplicas()).isEqualTo(2);
    assertThat(afterStatus.getSpec().getReplicas()).as("spec ignored on /status").isEqualTo(2);
    assertThat(afterStatus.getMetadata().getGeneration()).isEqualTo(1L);

    Deployment specWrite = new DeploymentBuilder(afterStatus).editSpec().withReplicas(3)
        .endSpec().editStatus().withReplicas(99).endStatus().build();
    Deployment afterSpec = client.apps().deployments().inNamespace("default")
        .resource(specWrite).update();
    assertThat(afterSpec.getSpec().getReplicas()).isEqualTo(3);
    assertThat(afterSpec.getStatus().getReplicas()).as("status ignored on main resource")
        .isEqualTo(2);
    assertThat(afterSpec.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void scaleSubresourceReadsAndWritesReplicas() {
    client.apps().deployments().inNamespace("default").resource(deployment("scaled")).create();
    client.apps().deployments().inNamespace("default").withName("scaled").scale(5);
    assertThat(client.apps().deployments().inNamespace("default").withName("scaled").get()
        .getSpec().getReplicas()).isEqualTo(5);
  }

  @Test
  void dryRunAnswersButPersistsNothing() {
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("dry").endMetadata()
        .addToData("a", "1").build();
    long before = sandbox.store().revision();
    ConfigMap answered = client.configMaps().inNamespace("default").resource(cm).dryRun()
        .create();
    assertThat(answered.getData()).containsEntry("a", "1");
    assertThat(client.configMaps().inNamespace("default").withName("dry").get()).isNull();

    client.configMaps().inNamespace("default").resource(cm).create();
    long afterCreate = sandbox.store().revision();
    assertThat(afterCreate).isEqualTo(before + 1);
    client.configMaps().inNamespace("default").withName("dry").dryRun()
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"a\":\"2\"}}");
    client.configMaps().inNamespace("default").withName("dry").dryRun().delete();
    assertThat(client.configMaps().inNamespace("default").withName("dry").get().getData())
        .containsEntry("a", "1");
    assertThat(sandbox.store().revision()).isEqualTo(afterCreate);
  }

  @Test
  void generateNameMakesAUniqueName() {
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withGenerateName("gen-").endMetadata()
        .build();
    ConfigMap a = client.configMaps().inNamespace("default").resource(cm).create();
    ConfigMap b = client.configMaps().inNamespace("default").resource(cm).create();
    assertThat(a.getMetadata().getName()).startsWith("gen-").hasSize(9);
    assertThat(a.getMetadata().getName()).isNotEqualTo(b.getMetadata().getName());
  }

  @Test
  void noOpUpdateKeepsResourceVersion() {
    ConfigMap cm = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("noop").endMetadata().addToData("a", "1").build()).create();
    ConfigMap same = client.configMaps().inNamespace("default").resource(cm).update();
    assertThat(same.getMetadata().getResourceVersion())
        .isEqualTo(cm.getMetadata().getResourceVersion());
  }

  @Test
  void deletePreconditionOnUidIsEnforced() {
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("pre").endMetadata().build()).create();
    io.fabric8.kubernetes.client.http.HttpClient http = client.getHttpClient();
    io.fabric8.kubernetes.client.http.HttpResponse<String> response = http.sendAsync(
        http.newHttpRequestBuilder()
            .uri(client.getMasterUrl() + "api/v1/namespaces/default/configmaps/pre")
            .delete("application/json",
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\","
                    + "\"preconditions\":{\"uid\":\"not-the-uid\"}}")
            .build(), String.class).join();
    assertThat(response.code()).isEqualTo(409);
    assertThat(response.body()).contains("Precondition failed: UID in precondition");
    assertThat(client.configMaps().inNamespace("default").withName("pre").get()).isNotNull();
  }
}
