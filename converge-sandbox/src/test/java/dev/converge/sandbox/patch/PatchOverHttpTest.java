package dev.converge.sandbox.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.api.ResourceType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The PATCH verb through a real fabric8 client over a loopback socket. */
@Timeout(60)
class PatchOverHttpTest {
  static Sandbox sandbox;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    // Updates Deployments read a moment earlier: no controllers racing them to 409 Conflict.
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(false));
    client = SandboxFixture.client(sandbox);
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @Test
  void givenDeployment_whenEdited_thenJsonPatchApplied() {
    // given
    create(deployment("edited"));
    // when: fabric8 edit computes and sends a JSON patch
    Deployment edited = deployments().withName("edited").edit(d -> new DeploymentBuilder(d)
        .editSpec().withReplicas(3).editTemplate().editSpec().editFirstContainer()
        .withImage("app:2").endContainer().endSpec().endTemplate().endSpec().build());
    // then
    assertThat(edited.getSpec().getReplicas()).isEqualTo(3);
    assertThat(edited.getSpec().getTemplate().getSpec().getContainers())
        .extracting(Container::getName, Container::getImage)
        .containsExactly(tuple("app", "app:2"),
            tuple("sidecar", "proxy:1"));
  }

  @Test
  void givenDeployment_whenStrategicMergeAddsEnv_thenOtherContainersAndEnvKept() {
    // given
    create(deployment("smp"));
    // when
    Deployment patched = deployments().withName("smp").patch(
        PatchContext.of(PatchType.STRATEGIC_MERGE), """
        {"spec": {"template": {"spec": {"containers": [
          {"name": "app", "env": [{"name": "NEW", "value": "n"}]}]}}}}
        """);
    // then
    List<Container> containers = patched.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).extracting(Container::getName).containsExactly("app", "sidecar");
    assertThat(containers.get(0).getImage()).isEqualTo("app:1");
    assertThat(containers.get(0).getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
        .containsExactly(tuple("OLD", "o"),
            tuple("NEW", "n"));
    assertThat(deployments().withName("smp").get().getSpec().getTemplate().getSpec()
        .getContainers().get(0).getEnv()).hasSize(2);
  }

  @Test
  void givenConfigMap_whenMergePatchWithNull_thenKeyDeleted() {
    // given
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("merge").addToLabels("keep", "1").addToLabels("drop", "2").endMetadata()
        .addToData("a", "1").build()).create();
    // when
    ConfigMap patched = client.configMaps().inNamespace("default").withName("merge").patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\": {\"labels\": {\"drop\": null}}, \"data\": {\"b\": \"2\"}}");
    // then
    assertThat(patched.getMetadata().getLabels()).containsOnlyKeys("keep");
    assertThat(patched.getData()).isEqualTo(Map.of("a", "1", "b", "2"));
  }

  @Test
  void givenJsonPatchWithFailingTest_whenSent_then422AndNothingChanged() {
    // given
    create(deployment("guarded"));
    // when / then
    assertThatThrownBy(() -> deployments().withName("guarded").patch(
        PatchContext.of(PatchType.JSON), """
        [{"op": "test", "path": "/spec/replicas", "value": 7},
         {"op": "replace", "path": "/spec/replicas", "value": 8}]
        """))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
          assertThat(e.getStatus().getMessage())
              .isEqualTo("the server rejected our request due to an error in our request");
        });
    assertThat(deployments().withName("guarded").get().getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void givenCustomResource_whenStrategicMerge_then415ButMergePatchWorks() {
    // given: a served kind without a built-in schema, as a CRD's kind is
    sandbox.registry().register(new ResourceType("example.com", "v1", "Widget", "widgets", true,
        List.of(), List.of(), false, false));
    ResourceDefinitionContext widgets = new ResourceDefinitionContext.Builder()
        .withGroup("example.com").withVersion("v1").withKind("Widget").withPlural("widgets")
        .withNamespaced(true).build();
    client.genericKubernetesResources(widgets).inNamespace("default").resource(
        new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1")
            .withKind("Widget").withNewMetadata().withName("w").endMetadata()
            .addToAdditionalProperties("spec", Map.of("size", 1)).build()).create();
    // when / then
    assertThatThrownBy(() -> client.genericKubernetesResources(widgets).inNamespace("default")
        .withName("w").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
            "{\"spec\": {\"size\": 2}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(415);
          assertThat(e.getStatus().getReason()).isEqualTo("UnsupportedMediaType");
        });
    GenericKubernetesResource merged = client.genericKubernetesResources(widgets)
        .inNamespace("default").withName("w")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"size\": 2}}");
    assertThat(merged.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", 2));
  }

  private static NonNamespaceOperation<Deployment, DeploymentList,
      RollableScalableResource<Deployment>> deployments() {
    return client.apps().deployments().inNamespace("default");
  }

  private static void create(Deployment d) {
    deployments().resource(d).create();
  }

  private static Deployment deployment(String name) {
    return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(1)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec()
        .addNewContainer().withName("app").withImage("app:1")
        .addNewEnv().withName("OLD").withValue("o").endEnv().endContainer()
        .addNewContainer().withName("sidecar").withImage("proxy:1").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }
}
