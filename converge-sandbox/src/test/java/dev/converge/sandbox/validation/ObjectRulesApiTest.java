package dev.converge.sandbox.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.sandbox.RawApi;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import dev.converge.sandbox.SandboxFixture;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Defaults, validation and malformed requests as fabric8 and a raw HTTP client see them. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ObjectRulesApiTest {
  static final String NS = "rules";
  static Sandbox sandbox;
  static KubernetesClient client;
  static RawApi raw;

  @BeforeAll
  static void start() {
    // Updates Deployments read a moment earlier: no controllers racing them to 409 Conflict.
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(false));
    client = SandboxFixture.client(sandbox);
    raw = new RawApi(sandbox);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
        .endMetadata().build()).create();
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  private static KubernetesClientException refused(int code, ThrowingCallable call) {
    KubernetesClientException[] caught = new KubernetesClientException[1];
    assertThatThrownBy(call).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(code);
      caught[0] = e;
    });
    return caught[0];
  }

  private static Deployment deployment(String name, String app) {
    return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", app).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", app).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("nginx:1.27").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }

  @Nested
  class Defaults {
    @Test
    void givenDeployment_whenReadBack_thenItCarriesTheServerDefaults() {
      client.apps().deployments().inNamespace(NS).resource(deployment("defaults", "d")).create();
      Deployment read = client.apps().deployments().inNamespace(NS).withName("defaults").get();
      assertThat(read.getSpec().getReplicas()).isEqualTo(1);
      assertThat(read.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
      assertThat(read.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal())
          .isEqualTo("25%");
      assertThat(read.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
      assertThat(read.getSpec().getTemplate().getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
      assertThat(read.getSpec().getTemplate().getSpec().getContainers().get(0)
          .getImagePullPolicy()).isEqualTo("IfNotPresent");
    }

    @Test
    void givenReadBackObject_whenUpdatedUnchanged_thenNothingIsWritten() {
      client.apps().deployments().inNamespace(NS).resource(deployment("noop", "n")).create();
      Deployment read = client.apps().deployments().inNamespace(NS).withName("noop").get();
      Deployment again = client.apps().deployments().inNamespace(NS).resource(read).update();
      assertThat(again.getMetadata().getResourceVersion())
          .isEqualTo(read.getMetadata().getResourceVersion());
      assertThat(again.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void givenTwoServices_whenCreated_thenEachHasItsOwnClusterIp() {
      Service a = client.services().inNamespace(NS).resource(service("svc-a")).create();
      Service b = client.services().inNamespace(NS).resource(service("svc-b")).create();
      assertThat(a.getSpec().getClusterIP()).startsWith("10.").isNotEqualTo(
          b.getSpec().getClusterIP());
      assertThat(a.getSpec().getClusterIPs()).containsExactly(a.getSpec().getClusterIP());
      assertThat(a.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(80);
    }

    @Test
    void givenJob_whenCreated_thenSelectorIsGeneratedFromItsUid() {
      Job job = client.batch().v1().jobs().inNamespace(NS).resource(job("gen", "busybox"))
          .create();
      String uid = job.getMetadata().getUid();
      assertThat(job.getSpec().getSelector().getMatchLabels())
          .containsEntry("batch.kubernetes.io/controller-uid", uid);
      assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
          .containsEntry("controller-uid", uid).containsEntry("job-name", "gen")
          .containsEntry("batch.kubernetes.io/job-name", "gen");
    }
  }

  private static Service service(String name) {
    return new ServiceBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .addNewPort().withPort(80).endPort().addToSelector("app", name).endSpec().build();
  }

  private static Job job(String name, String image) {
    return new JobBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer()
        .withName("c").withImage(image).endContainer().endSpec().endTemplate().endSpec().build();
  }

  @Nested
  class Validation {
    @Test
    void givenInvalidName_whenCreated_then422NamesTheField() {
      ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("Foo_bar").endMetadata()
          .build();
      KubernetesClientException e = refused(422,
          () -> client.configMaps().inNamespace(NS).resource(cm).create());
      assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
      assertThat(e.getStatus().getDetails().getCauses()).extracting(StatusCause::getField,
          StatusCause::getReason).containsExactly(
              org.assertj.core.groups.Tuple.tuple("metadata.name", "FieldValueInvalid"));
      assertThat(e.getStatus().getMessage()).startsWith(
          "ConfigMap \"Foo_bar\" is invalid: metadata.name: Invalid value: \"Foo_bar\": "
              + "a lowercase RFC 1123 subdomain");
    }

    @Test
    void givenDeploymentSelectorChange_whenUpdated_then422FieldIsImmutable() {
      client.apps().deployments().inNamespace(NS).resource(deployment("sel", "a")).create();
      Deployment changed = deployment("sel", "b");
      KubernetesClientException e = refused(422, () -> client.apps().deployments()
          .inNamespace(NS).resource(changed).update());
      assertThat(e.getStatus().getMessage()).contains("spec.selector: Invalid value: "
          + "v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"b\"}")
          .endsWith("field is immutable");
    }

    @Test
    void givenJobImageChange_whenUpdated_then422TemplateIsImmutable() {
      client.batch().v1().jobs().inNamespace(NS).resource(job("imm", "busybox:1")).create();
      Job changed = client.batch().v1().jobs().inNamespace(NS).withName("imm").get();
      changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("busybox:2");
      KubernetesClientException e = refused(422, () -> client.batch().v1().jobs()
          .inNamespace(NS).resource(changed).update());
      assertThat(e.getStatus().getDetails().getCauses()).extracting(StatusCause::getField)
          .containsExactly("spec.template");
    }

    @Test
    void givenImmutableConfigMap_whenDataChanged_then422AndLabelsStillMutable() {
      client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
          .withName("frozen").endMetadata().withImmutable(true).addToData("a", "1").build())
          .create();
      ConfigMap stored = client.configMaps().inNamespace(NS).withName("frozen").get();
      refused(422, () -> client.configMaps().inNamespace(NS)
          .resource(new ConfigMapBuilder(stored).addToData("a", "2").build()).update());
      ConfigMap labelled = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder(
          stored).editMetadata().addToLabels("x", "y").endMetadata().build()).update();
      assertThat(labelled.getMetadata().getLabels()).containsEntry("x", "y");
    }

    @Test
    void givenServiceUpdateWithoutClusterIp_thenTheAddressIsKept_butChangingItIsRefused() {
      Service created = client.services().inNamespace(NS).resource(service("keep")).create();
      Service replaced = client.services().inNamespace(NS).resource(new ServiceBuilder(
          service("keep")).editMetadata().withResourceVersion(null).endMetadata().build())
          .update();
      assertThat(replaced.getSpec().getClusterIP()).isEqualTo(created.getSpec().getClusterIP());
      Service moved = new ServiceBuilder(replaced).editSpec().withClusterIP("10.96.200.200")
          .withClusterIPs().endSpec().build();
      KubernetesClientException e = refused(422, () -> client.services().inNamespace(NS)
          .resource(moved).update());
      assertThat(e.getStatus().getMessage()).contains("spec.clusterIP: Invalid value: "
          + "\"10.96.200.200\": field is immutable");
    }
  }

  @Nested
  class MalformedRequests {
    private static final String CMS = "/api/v1/namespaces/" + NS + "/configmaps";

    @Test
    void givenBadJson_then400AndTheServerKeepsServing() {
      RawApi.Response r = raw.send("POST", CMS, "application/json", "{not json");
      assertThat(r.code()).isEqualTo(400);
      assertThat(r.body()).contains("\"reason\":\"BadRequest\"");
      assertThat(raw.get(CMS).code()).isEqualTo(200);
    }

    @Test
    void givenWrongApiVersion_then400() {
      RawApi.Response r = raw.send("POST", CMS, "application/json",
          "{\"apiVersion\":\"apps/v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}");
      assertThat(r.code()).isEqualTo(400);
    }

    @Test
    void givenUnknownResource_then404() {
      assertThat(raw.get("/api/v1/namespaces/" + NS + "/widgets").code()).isEqualTo(404);
      assertThat(raw.get("/apis/example.com/v1/widgets").code()).isEqualTo(404);
    }

    @Test
    void givenMissingName_thenCreateIs422AndPutOnTheCollectionIs405() {
      RawApi.Response create = raw.send("POST", CMS, "application/json",
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{}}");
      assertThat(create.code()).isEqualTo(422);
      assertThat(create.body()).contains("\"field\":\"metadata.name\"")
          .contains("FieldValueRequired");
      RawApi.Response put = raw.send("PUT", CMS, "application/json",
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}");
      assertThat(put.code()).isEqualTo(405);
      assertThat(raw.get(CMS).code()).isEqualTo(200);
    }

    @Test
    void givenBadSelectorsOnWatch_then400BeforeStreaming() {
      assertThat(raw.get(CMS + "?watch=true&labelSelector=a%20in%20b").code()).isEqualTo(400);
      assertThat(raw.get(CMS + "?watch=true&fieldSelector=spec.x%3Dy").code()).isEqualTo(400);
      assertThat(raw.get(CMS + "?watch=true&resourceVersion=abc").code()).isEqualTo(400);
    }
  }
}
