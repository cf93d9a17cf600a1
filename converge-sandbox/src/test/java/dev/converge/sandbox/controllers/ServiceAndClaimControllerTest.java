package dev.converge.sandbox.controllers;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LoadBalancer Services get an address; claims bind, or wait for their first consumer. */
@Timeout(60)
class ServiceAndClaimControllerTest {
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
  void givenLoadBalancerService_whenCreated_thenIngressAddress() {
    // given
    String ns = Workloads.namespace(client, "svc-lb");
    Service svc = new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withType("LoadBalancer").withSelector(Map.of("app", "web")).addNewPort()
        .withPort(80).endPort().endSpec().build();

    // when
    client.services().inNamespace(ns).resource(svc).create();

    // then
    await().atMost(10, SECONDS).ignoreExceptions().untilAsserted(() ->
        assertThat(client.services().inNamespace(ns).withName("web").get().getStatus()
            .getLoadBalancer().getIngress()).singleElement()
            .satisfies(i -> assertThat(i.getIp()).startsWith("192.0.2.")));
  }

  @Test
  void givenClaim_whenCreated_thenBoundToAProvisionedVolume() {
    // given
    String ns = Workloads.namespace(client, "pvc-bind");

    // when
    client.persistentVolumeClaims().inNamespace(ns).resource(claim("data", null)).create();

    // then
    await().atMost(10, SECONDS).ignoreExceptions().untilAsserted(() -> {
      PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ns)
          .withName("data").get();
      assertThat(pvc.getStatus().getPhase()).isEqualTo("Bound");
      assertThat(pvc.getSpec().getVolumeName()).isEqualTo("pvc-" + pvc.getMetadata().getUid());
      assertThat(pvc.getStatus().getCapacity()).containsEntry("storage", new Quantity("2Gi"));
      PersistentVolume pv = client.persistentVolumes().withName(pvc.getSpec().getVolumeName())
          .get();
      assertThat(pv.getSpec().getClaimRef().getName()).isEqualTo("data");
      assertThat(pv.getStatus().getPhase()).isEqualTo("Bound");
    });
  }

  @Test
  void givenWaitForFirstConsumerClass_whenNoPodUsesTheClaim_thenPendingUntilOneDoes() {
    // given
    String ns = Workloads.namespace(client, "pvc-wait");
    client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
        .withName("lazy").endMetadata().withProvisioner("example.com/lazy")
        .withVolumeBindingMode("WaitForFirstConsumer").build()).create();

    // when
    client.persistentVolumeClaims().inNamespace(ns).resource(claim("data", "lazy")).create();

    // then
    await().during(1, SECONDS).atMost(5, SECONDS).untilAsserted(() ->
        assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("data").get()
            .getSpec().getVolumeName()).isNull());

    // and when a pod mounts it, it binds
    client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("user")
        .endMetadata().withNewSpec().addNewContainer().withName("main").withImage("busybox:1")
        .endContainer().addNewVolume().withName("data").withNewPersistentVolumeClaim()
        .withClaimName("data").endPersistentVolumeClaim().endVolume().endSpec().build()).create();
    await().atMost(10, SECONDS).ignoreExceptions().untilAsserted(() ->
        assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("data").get()
            .getStatus().getPhase()).isEqualTo("Bound"));
  }

  private static PersistentVolumeClaim claim(String name, String storageClass) {
    return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withStorageClassName(storageClass).withAccessModes("ReadWriteOnce")
        .withNewResources().withRequests(Map.of("storage", new Quantity("2Gi"))).endResources()
        .endSpec().build();
  }
}
