package dev.converge.sandbox.lifecycle;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CustomResourceDefinitionTest {
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
  void givenCrd_whenCreated_thenEstablishedAndServedInDiscovery() {
    // when
    establish(cronTabs("crontabs", "stable.example.com", "CronTab"));

    // then
    CustomResourceDefinition crd = crds().withName("crontabs.stable.example.com").get();
    assertThat(condition(crd, "NamesAccepted").getReason()).isEqualTo("NoConflicts");
    assertThat(condition(crd, "Established").getReason()).isEqualTo("InitialNamesAccepted");
    assertThat(crd.getStatus().getAcceptedNames().getKind()).isEqualTo("CronTab");
    assertThat(crd.getStatus().getAcceptedNames().getListKind()).isEqualTo("CronTabList");
    assertThat(crd.getStatus().getAcceptedNames().getShortNames()).containsExactly("ct");
    assertThat(crd.getStatus().getStoredVersions()).containsExactly("v1");
    assertThat(crd.getMetadata().getFinalizers())
        .contains("customresourcecleanup.apiextensions.k8s.io");
    APIResource served = resource(client.getApiResources("stable.example.com/v1"), "crontabs");
    assertThat(served.getKind()).isEqualTo("CronTab");
    assertThat(served.getNamespaced()).isTrue();
    assertThat(served.getShortNames()).containsExactly("ct");
    assertThat(resource(client.getApiResources("stable.example.com/v1"), "crontabs/status"))
        .isNotNull();
  }

  @Test
  void givenEstablishedCrd_whenCustomResourcesWritten_thenCrudWorksWithDefaults() {
    // given
    establish(cronTabs("jobs", "batch.example.com", "Job"));
    namespace("crud");

    // when
    GenericKubernetesResource created = jobs("crud").resource(job("nightly",
        Map.of("cronSpec", "0 0 * * *", "ports", List.of(Map.of("port", 80)),
            "labels", Map.of("team", Map.of()))))
        .create();

    // then the schema defaults are filled in, recursively
    Map<String, Object> spec = spec(created);
    assertThat(spec).containsEntry("replicas", 1).containsEntry("image", "busybox");
    assertThat(spec.get("ports")).isEqualTo(List.of(Map.of("port", 80, "protocol", "TCP")));
    assertThat(spec.get("labels")).isEqualTo(Map.of("team", Map.of("enabled", true)));
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

    // and read, list, update, delete work
    assertThat(jobs("crud").withName("nightly").get().getMetadata().getUid())
        .isEqualTo(created.getMetadata().getUid());
    assertThat(jobs("crud").list().getItems()).hasSize(1);
    GenericKubernetesResource changed = jobs("crud").withName("nightly").get();
    spec(changed).put("replicas", 3);
    GenericKubernetesResource updated = jobs("crud").resource(changed).update();
    assertThat(spec(updated)).containsEntry("replicas", 3);
    assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);
    jobs("crud").withName("nightly").delete();
    await().atMost(5, SECONDS).untilAsserted(() ->
        assertThat(jobs("crud").withName("nightly").get()).isNull());
  }

  @Test
  void givenStatusSubresource_whenWritten_thenMainWritesIgnoreStatusAndStatusWritesIgnoreSpec() {
    // given
    establish(cronTabs("backups", "ops.example.com", "Backup"));
    namespace("status");
    GenericKubernetesResource created = backups("status").resource(withStatus(
        job("b", Map.of("cronSpec", "1 * * * *")).toBuilder().withKind("Backup")
            .withApiVersion("ops.example.com/v1").build(), "Created")).create();
    assertThat(created.getAdditionalProperties()).doesNotContainKey("status");

    // when status is written through the main resource, then it is ignored
    GenericKubernetesResource main = backups("status").resource(
        withStatus(backups("status").withName("b").get(), "FromMain")).update();
    assertThat(main.getAdditionalProperties()).doesNotContainKey("status");

    // when spec and status are written through /status, then only status changes
    GenericKubernetesResource current = backups("status").withName("b").get();
    spec(current).put("cronSpec", "changed");
    GenericKubernetesResource statusWrite =
        backups("status").resource(withStatus(current, "Ready")).updateStatus();
    assertThat(statusWrite.getAdditionalProperties().get("status"))
        .isEqualTo(Map.of("phase", "Ready"));
    assertThat(spec(backups("status").withName("b").get()))
        .containsEntry("cronSpec", "1 * * * *");
  }

  @Test
  void givenInvalidNames_whenCreated_thenUnprocessable() {
    CustomResourceDefinition crd = cronTabs("widgets", "shop.example.com", "Widget");
    crd.getMetadata().setName("gadgets.shop.example.com");

    assertThatThrownBy(() -> crds().resource(crd).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
          assertThat(e.getStatus().getDetails().getCauses()).anySatisfy(c -> {
            assertThat(c.getField()).isEqualTo("metadata.name");
            assertThat(c.getMessage()).contains("must be spec.names.plural+\".\"+spec.group");
          });
        });
    assertThat(crds().withName("gadgets.shop.example.com").get()).isNull();
  }

  @Test
  void givenCustomResources_whenCrdDeleted_thenResourcesAndKindGo() {
    // given
    establish(cronTabs("tasks", "work.example.com", "Task"));
    namespace("cleanup");
    GenericKubernetesResource task = job("t", Map.of("cronSpec", "x")).toBuilder()
        .withApiVersion("work.example.com/v1").withKind("Task").build();
    client.genericKubernetesResources("work.example.com/v1", "Task").inNamespace("cleanup")
        .resource(task).create();

    // when
    crds().withName("tasks.work.example.com").delete();

    // then
    await().atMost(5, SECONDS).untilAsserted(() -> {
      assertThat(crds().withName("tasks.work.example.com").get()).isNull();
      assertThat(sandbox.store().list("tasks.work.example.com", null).items()).isEmpty();
      assertThat(sandbox.registry().byGroupResource("tasks.work.example.com")).isEmpty();
    });
    assertThat(sandbox.lifecycle().customResourceSchemas().schemaFor("work.example.com", "Task"))
        .isEmpty();
  }

  @Test
  void givenCustomResourcesInNamespace_whenNamespaceDeleted_thenTheyGoToo() {
    establish(cronTabs("reports", "audit.example.com", "Report"));
    namespace("reports-ns");
    client.genericKubernetesResources("audit.example.com/v1", "Report").inNamespace("reports-ns")
        .resource(job("r", Map.of()).toBuilder().withApiVersion("audit.example.com/v1")
            .withKind("Report").build()).create();

    client.namespaces().withName("reports-ns").delete();

    await().atMost(5, SECONDS).untilAsserted(() -> {
      assertThat(client.namespaces().withName("reports-ns").get()).isNull();
      assertThat(sandbox.store().list("reports.audit.example.com", null).items()).isEmpty();
    });
  }

  @Test
  void givenGatewayApiCrd_whenCreated_thenBothVersionsServedAndStatusDefaulted() {
    // given the upstream GatewayClass CRD (cluster-scoped, v1 and v1beta1, status defaults)
    CustomResourceDefinition crd;
    try (InputStream in = getClass().getResourceAsStream("/crds/crd-gatewayclasses.yaml")) {
      crd = crds().load(in).item();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    // when
    establish(crd);

    // then
    assertThat(client.getApiGroup("gateway.networking.k8s.io").getPreferredVersion()
        .getVersion()).isEqualTo("v1");
    assertThat(resource(client.getApiResources("gateway.networking.k8s.io/v1beta1"),
        "gatewayclasses").getNamespaced()).isFalse();
    GenericKubernetesResource gc = new GenericKubernetesResource();
    gc.setApiVersion("gateway.networking.k8s.io/v1");
    gc.setKind("GatewayClass");
    gc.setMetadata(new ObjectMetaBuilder().withName("shared")
        .build());
    gc.setAdditionalProperty("spec", Map.of("controllerName", "example.com/gateway"));
    GenericKubernetesResource created = client.genericKubernetesResources(
        "gateway.networking.k8s.io/v1", "GatewayClass").resource(gc).create();
    @SuppressWarnings("unchecked")
    Map<String, Object> status = (Map<String, Object>) created.getAdditionalProperties()
        .get("status");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> conditions = (List<Map<String, Object>>) status.get("conditions");
    assertThat(conditions).singleElement().satisfies(c -> assertThat(c)
        .containsEntry("type", "Accepted").containsEntry("reason", "Pending"));
    assertThat(sandbox.lifecycle().customResourceSchemas()
        .schemaFor("gateway.networking.k8s.io", "GatewayClass")).isPresent();
  }

  @Test
  void givenKindTakenInGroup_whenSecondCrdCreated_thenNamesNotAcceptedAndNotServed() {
    // given
    establish(cronTabs("things", "clash.example.com", "Thing"));

    // when
    crds().resource(cronTabs("otherthings", "clash.example.com", "Thing")).create();

    // then
    await().atMost(5, SECONDS).untilAsserted(() -> {
      CustomResourceDefinition crd = crds().withName("otherthings.clash.example.com").get();
      assertThat(condition(crd, "NamesAccepted").getStatus()).isEqualTo("False");
      assertThat(condition(crd, "NamesAccepted").getReason()).isEqualTo("KindConflict");
      assertThat(condition(crd, "Established").getStatus()).isEqualTo("False");
    });
    assertThat(sandbox.registry().byGroupResource("otherthings.clash.example.com")).isEmpty();

    // when the CRD holding the kind goes, then the other is accepted
    crds().withName("things.clash.example.com").delete();
    await().atMost(5, SECONDS).untilAsserted(() -> assertThat(condition(
        crds().withName("otherthings.clash.example.com").get(), "Established").getStatus())
        .isEqualTo("True"));
    assertThat(sandbox.registry().byGroupResource("otherthings.clash.example.com")).isPresent();
  }

  @Test
  void givenCustomResourceWithFinalizer_whenCrdDeleted_thenCrdTerminatesUntilReleased() {
    // given
    establish(cronTabs("locks", "hold.example.com", "Lock"));
    namespace("locks-ns");
    GenericKubernetesResource lock = job("l", Map.of()).toBuilder()
        .withApiVersion("hold.example.com/v1").withKind("Lock").build();
    lock.getMetadata().setFinalizers(List.of("example.com/hold"));
    locks().resource(lock).create();

    // when
    crds().withName("locks.hold.example.com").delete();

    // then the CRD waits for its last custom resource
    await().atMost(5, SECONDS).untilAsserted(() -> {
      CustomResourceDefinition crd = crds().withName("locks.hold.example.com").get();
      assertThat(condition(crd, "Terminating").getReason())
          .isEqualTo("InstanceDeletionInProgress");
      assertThat(locks().withName("l").get().getMetadata().getDeletionTimestamp()).isNotNull();
    });

    // when the custom resource lets go
    GenericKubernetesResource held = locks().withName("l").get();
    held.getMetadata().setFinalizers(List.of());
    locks().resource(held).update();

    // then
    await().atMost(5, SECONDS).untilAsserted(() ->
        assertThat(crds().withName("locks.hold.example.com").get()).isNull());
  }

  @Test
  void givenSchemaListener_whenCrdEstablishedAndDeleted_thenToldBothTimes() {
    List<String> changes = new CopyOnWriteArrayList<>();
    sandbox.lifecycle().customResourceSchemas()
        .addListener((group, kind) -> changes.add(group + "/" + kind));

    establish(cronTabs("notes", "listen.example.com", "Note"));
    assertThat(sandbox.lifecycle().customResourceSchemas()
        .schemaFor("listen.example.com", "v1", "Note").orElseThrow()
        .at("/properties/spec/properties/replicas/default").asInt()).isEqualTo(1);
    crds().withName("notes.listen.example.com").delete();

    await().atMost(5, SECONDS).untilAsserted(() -> assertThat(changes)
        .containsExactly("listen.example.com/Note", "listen.example.com/Note"));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static void establish(CustomResourceDefinition crd) {
    crds().resource(crd).create();
    await().atMost(5, SECONDS).untilAsserted(() -> assertThat(condition(
        crds().withName(crd.getMetadata().getName()).get(), "Established").getStatus())
        .isEqualTo("True"));
  }

  private static NonNamespaceOperation<CustomResourceDefinition,
      CustomResourceDefinitionList,
      Resource<CustomResourceDefinition>> crds() {
    return client.apiextensions().v1().customResourceDefinitions();
  }

  private static NonNamespaceOperation<
      GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> jobs(String ns) {
    return client.genericKubernetesResources("batch.example.com/v1", "Job").inNamespace(ns);
  }

  private static NonNamespaceOperation<
      GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> backups(String ns) {
    return client.genericKubernetesResources("ops.example.com/v1", "Backup").inNamespace(ns);
  }

  private static NonNamespaceOperation<
      GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> locks() {
    return client.genericKubernetesResources("hold.example.com/v1", "Lock")
        .inNamespace("locks-ns");
  }

  private static void namespace(String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).create();
  }

  private static GenericKubernetesResource job(String name, Map<String, Object> spec) {
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setApiVersion("batch.example.com/v1");
    r.setKind("Job");
    r.setMetadata(new ObjectMetaBuilder().withName(name).build());
    r.setAdditionalProperty("spec", new LinkedHashMap<>(spec));
    return r;
  }

  private static GenericKubernetesResource withStatus(GenericKubernetesResource r, String phase) {
    r.setAdditionalProperty("status", Map.of("phase", phase));
    return r;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource r) {
    return (Map<String, Object>) r.getAdditionalProperties().get("spec");
  }

  private static APIResource resource(APIResourceList list, String name) {
    return list.getResources().stream().filter(r -> r.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("not served: " + name));
  }

  private static CustomResourceDefinitionCondition condition(CustomResourceDefinition crd,
      String type) {
    return crd.getStatus().getConditions().stream().filter(c -> c.getType().equals(type))
        .findFirst().orElseThrow(() -> new AssertionError("no condition " + type));
  }

  /** A namespaced CRD with a status subresource and a schema with nested defaults. */
  private static CustomResourceDefinition cronTabs(String plural, String group, String kind) {
    String yaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: %1$s.%2$s
        spec:
          group: %2$s
          scope: Namespaced
          names:
            plural: %1$s
            kind: %3$s
            shortNames: [ct]
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      cronSpec: {type: string}
                      replicas: {type: integer, default: 1}
                      image: {type: string, default: busybox}
                      ports:
                        type: array
                        items:
                          type: object
                          properties:
                            port: {type: integer}
                            protocol: {type: string, default: TCP}
                      labels:
                        type: object
                        additionalProperties:
                          type: object
                          properties:
                            enabled: {type: boolean, default: true}
                  status:
                    type: object
                    properties:
                      phase: {type: string}
        """.formatted(plural, group, kind);
    return client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
  }
}
