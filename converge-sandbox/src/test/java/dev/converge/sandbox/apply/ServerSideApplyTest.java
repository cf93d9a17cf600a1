package dev.converge.sandbox.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Server-side apply through a real fabric8 client over a socket. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerSideApplyTest {
  static Sandbox sandbox;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults());
    client = SandboxFixture.client(sandbox);
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  static ConfigMap cm(String name, Map<String, String> data) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().withData(data)
        .build();
  }

  static Resource<ConfigMap> resource(ConfigMap cm) {
    return client.configMaps().inNamespace("default").resource(cm);
  }

  static ConfigMap apply(ConfigMap cm, String manager) {
    return resource(cm).fieldManager(manager).serverSideApply();
  }

  static ManagedFieldsEntry entry(ConfigMap cm, String manager) {
    return cm.getMetadata().getManagedFields().stream()
        .filter(e -> e.getManager().equals(manager)).findFirst().orElse(null);
  }

  static Map<String, Object> fieldsV1(ManagedFieldsEntry e) {
    return e.getFieldsV1().getAdditionalProperties();
  }

  @Test
  void givenNoObject_whenApplied_thenCreatedWithApplyEntry() {
    // when
    ConfigMap created = apply(cm("ssa-create", Map.of("a", "1")), "tool");

    // then
    assertThat(created.getMetadata().getUid()).isNotBlank();
    ManagedFieldsEntry e = entry(created, "tool");
    assertThat(e.getOperation()).isEqualTo("Apply");
    assertThat(e.getApiVersion()).isEqualTo("v1");
    assertThat(e.getFieldsType()).isEqualTo("FieldsV1");
    assertThat(e.getTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(fieldsV1(e)).isEqualTo(Map.of("f:data", Map.of("f:a", Map.of())));
  }

  @Test
  void givenTwoManagers_whenSecondChangesFirstsKey_thenConflictNamingFirst() {
    // given
    apply(cm("ssa-conflict", Map.of("k", "1", "j", "1")), "first");

    // when / then
    assertThatThrownBy(() -> apply(cm("ssa-conflict", Map.of("k", "2", "j", "2")), "second"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
          assertThat(e.getStatus().getMessage()).startsWith("Apply failed with 2 conflicts: ")
              .contains("conflict with \"first\": .data.k");
          assertThat(e.getStatus().getDetails().getCauses())
              .extracting(StatusCause::getReason, StatusCause::getMessage, StatusCause::getField)
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple("FieldManagerConflict",
                      "conflict with \"first\"", ".data.j"),
                  org.assertj.core.groups.Tuple.tuple("FieldManagerConflict",
                      "conflict with \"first\"", ".data.k"));
        });
    assertThat(resource(cm("ssa-conflict", Map.of())).get().getData()).containsEntry("k", "1");
  }

  @Test
  void givenCreatedByUpdate_whenApplierChangesAKey_thenConflictNamesUpdaterAndVersion() {
    // given: a plain create makes the client's user agent an Update owner
    resource(cm("ssa-created", Map.of("k", "1"))).create();

    // when / then
    assertThatThrownBy(() -> apply(cm("ssa-created", Map.of("k", "2")), "tool"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getMessage()).isEqualTo("Apply failed with 1 conflict: "
              + "conflict with \"fabric8-kubernetes-client\" using v1: .data.k");
        });
  }

  @Test
  void givenConflict_whenForced_thenValueAndOwnershipMove() {
    // given
    apply(cm("ssa-force", Map.of("k", "1", "j", "1")), "first");

    // when
    ConfigMap forced = resource(cm("ssa-force", Map.of("k", "2"))).fieldManager("second")
        .forceConflicts().serverSideApply();

    // then
    assertThat(forced.getData()).containsEntry("k", "2").containsEntry("j", "1");
    assertThat(fieldsV1(entry(forced, "first"))).isEqualTo(Map.of("f:data", Map.of("f:j",
        Map.of())));
    assertThat(fieldsV1(entry(forced, "second"))).isEqualTo(Map.of("f:data", Map.of("f:k",
        Map.of())));
  }

  @Test
  void givenKeyDroppedFromConfiguration_whenReapplied_thenKeyDeleted() {
    apply(cm("ssa-remove", Map.of("k", "1", "gone", "1")), "tool");
    ConfigMap next = apply(cm("ssa-remove", Map.of("k", "1")), "tool");
    assertThat(next.getData()).containsOnlyKeys("k");
    assertThat(resource(next).get().getData()).containsOnlyKeys("k");
  }

  @Test
  void givenUnchangedConfiguration_whenReapplied_thenResourceVersionUnchanged() {
    ConfigMap first = apply(cm("ssa-noop", Map.of("k", "1")), "tool");
    ConfigMap again = apply(cm("ssa-noop", Map.of("k", "1")), "tool");
    assertThat(again.getMetadata().getResourceVersion())
        .isEqualTo(first.getMetadata().getResourceVersion());
    assertThat(again.getMetadata().getManagedFields())
        .isEqualTo(first.getMetadata().getManagedFields());
  }

  @Test
  void givenAppliedObject_whenUpdatedByClient_thenUpdateEntryTakesChangedKey() {
    // given
    ConfigMap applied = apply(cm("ssa-update", Map.of("k", "1", "j", "1")), "tool");

    // when
    applied.getData().put("k", "edited");
    ConfigMap updated = client.configMaps().inNamespace("default").resource(applied).update();

    // then
    assertThat(fieldsV1(entry(updated, "tool"))).isEqualTo(Map.of("f:data", Map.of("f:j",
        Map.of())));
    // the API server names a manager-less writer after its user agent's product
    ManagedFieldsEntry editor = entry(updated, "fabric8-kubernetes-client");
    assertThat(editor.getOperation()).isEqualTo("Update");
    assertThat(fieldsV1(editor)).isEqualTo(Map.of("f:data", Map.of("f:k", Map.of())));
  }

  @Test
  void givenDeployment_whenSecondManagerAppliesSidecar_thenContainersMergedByName() {
    // given
    Deployment app = deployment("app", "app:1");
    client.apps().deployments().inNamespace("default").resource(app).fieldManager("team")
        .serverSideApply();

    // when
    Deployment merged = client.apps().deployments().inNamespace("default")
        .resource(deployment("sidecar", "proxy:1")).fieldManager("mesh").serverSideApply();

    // then
    assertThat(merged.getSpec().getTemplate().getSpec().getContainers())
        .extracting(c -> c.getName() + "=" + c.getImage())
        .containsExactly("sidecar=proxy:1", "app=app:1");
    ManagedFieldsEntry mesh = merged.getMetadata().getManagedFields().stream()
        .filter(e -> e.getManager().equals("mesh")).findFirst().orElseThrow();
    assertThat(mesh.getFieldsV1().getAdditionalProperties().toString())
        .contains("k:{\"name\":\"sidecar\"}").doesNotContain("k:{\"name\":\"app\"}");

    // and: the owner of one container changing its image conflicts with nobody
    Deployment bumped = client.apps().deployments().inNamespace("default")
        .resource(deployment("app", "app:2")).fieldManager("team").serverSideApply();
    assertThat(bumped.getSpec().getTemplate().getSpec().getContainers())
        .extracting(c -> c.getName() + "=" + c.getImage())
        .containsExactly("app=app:2", "sidecar=proxy:1");
  }

  static Deployment deployment(String container, String image) {
    return new DeploymentBuilder().withNewMetadata().withName("ssa-deploy").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "d").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "d").endMetadata()
        .withNewSpec().addNewContainer().withName(container).withImage(image).endContainer()
        .endSpec().endTemplate().endSpec().build();
  }
}
