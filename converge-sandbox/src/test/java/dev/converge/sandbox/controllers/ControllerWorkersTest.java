package dev.converge.sandbox.controllers;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The controllers reconcile on several workers (4 by default) and still converge exactly: no
 * ReplicaSet makes extra pods, no two Services share an address; one worker still works.
 */
@Timeout(60)
class ControllerWorkersTest {
  @Test
  void givenZeroWorkers_thenRejected_andOneAccepted() {
    assertThatThrownBy(() -> ControllerOptions.defaults().withWorkers(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("workers < 1: 0");
    assertThat(ControllerOptions.defaults().withWorkers(1).workers()).isEqualTo(1);
    assertThat(ControllerOptions.defaults().workers()).isEqualTo(4);
  }

  @Test
  void givenFourWorkers_whenTenDeploymentsAreCreatedAtOnce_thenEachHasExactlyItsReplicas() {
    try (Sandbox sandbox = Sandbox.start();
        KubernetesClient client = SandboxFixture.client(sandbox)) {
      // given
      String ns = Workloads.namespace(client, "workers-deployments");

      // when
      IntStream.range(0, 10).forEach(i -> client.apps().deployments().inNamespace(ns)
          .resource(Workloads.deployment("web-" + i, 2, "nginx:1.27")).create());

      // then: all available, and no pod too many even after they settled
      await().atMost(20, SECONDS).until(() -> available(client, ns) == 10);
      await().during(500, MILLISECONDS).atMost(5, SECONDS)
          .until(() -> client.pods().inNamespace(ns).list().getItems().size() == 20);
    }
  }

  @Test
  void givenFourWorkers_whenManyLoadBalancerServicesAreCreated_thenEachGetsItsOwnAddress() {
    try (Sandbox sandbox = Sandbox.start();
        KubernetesClient client = SandboxFixture.client(sandbox)) {
      // given
      String ns = Workloads.namespace(client, "workers-services");

      // when
      IntStream.range(0, 20).forEach(i -> client.services().inNamespace(ns)
          .resource(loadBalancer("svc-" + i)).create());

      // then
      await().atMost(20, SECONDS).until(() -> addresses(client, ns).size() == 20);
      assertThat(addresses(client, ns)).doesNotHaveDuplicates();
    }
  }

  @Test
  void givenOneWorker_whenDeploymentCreated_thenItBecomesAvailable() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withControllerWorkers(1));
        KubernetesClient client = SandboxFixture.client(sandbox)) {
      // given
      String ns = Workloads.namespace(client, "one-worker");

      // when
      client.apps().deployments().inNamespace(ns)
          .resource(Workloads.deployment("web", 3, "nginx:1.27")).create();

      // then
      await().atMost(20, SECONDS).until(() -> available(client, ns) == 1);
      assertThat(client.pods().inNamespace(ns).list().getItems()).hasSize(3);
    }
  }

  /** Deployments of {@code ns} whose every replica is available. */
  private static long available(KubernetesClient client, String ns) {
    return client.apps().deployments().inNamespace(ns).list().getItems().stream()
        .filter(d -> d.getStatus() != null && d.getStatus().getAvailableReplicas() != null
            && d.getStatus().getAvailableReplicas().equals(d.getSpec().getReplicas()))
        .count();
  }

  private static List<String> addresses(KubernetesClient client, String ns) {
    return client.services().inNamespace(ns).list().getItems().stream()
        .filter(s -> s.getStatus() != null && s.getStatus().getLoadBalancer() != null)
        .flatMap(s -> s.getStatus().getLoadBalancer().getIngress().stream())
        .map(LoadBalancerIngress::getIp).toList();
  }

  private static Service loadBalancer(String name) {
    return new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withType("LoadBalancer").withSelector(Map.of("app", name)).addNewPort()
        .withPort(80).endPort().endSpec().build();
  }
}
