package dev.converge.core.it.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.errors.ObjectRef;
import dev.converge.core.status.Status;
import dev.converge.core.status.wait.InformerWatchSource;
import dev.converge.core.status.wait.ReadinessWaiter;
import dev.converge.core.status.wait.ResourceType;
import dev.converge.core.status.wait.WaitHandle;
import dev.converge.core.status.wait.WaitOptions;
import dev.converge.core.status.wait.WaitTarget;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Kinds whose readiness is not a rollout: custom resources, LoadBalancers, finished Jobs. */
@ConvergeCluster
@Requires(Capability.CONTROLLER_CONTROL)
@Timeout(30)
class OtherKindsWaitTest {
  private static final Duration PAUSED_WINDOW = Duration.ofMillis(800);

  private InformerWatchSource source;
  private ReadinessWaiter waiter;

  @BeforeEach
  void openWaiter(TestCluster cluster) {
    source = new InformerWatchSource(cluster.client());
    waiter = new ReadinessWaiter(source, WaitOptions.DEFAULTS.withTimeout(Duration.ofSeconds(25)));
  }

  @AfterEach
  void closeWaiter() {
    waiter.close();
    source.close();
  }

  @Test
  void givenCustomResourceKindWithoutStatus_whenCreated_thenCurrentOnceItExists(TestCluster cluster) {
    // given: a kind whose definition declares no status subresource, and nothing of it yet
    CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("gadgets.waits.converge.dev").endMetadata()
        .withNewSpec().withGroup("waits.converge.dev").withScope("Namespaced")
        .withNewNames().withKind("Gadget").withPlural("gadgets").withSingular("gadget").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object")
        .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
        .endVersion().endSpec().build();
    cluster.client().resource(crd).forceConflicts().serverSideApply();
    cluster.eventually(() -> assertThat(cluster.client().apiextensions().v1()
        .customResourceDefinitions().withName(crd.getMetadata().getName()).get().getStatus()
        .getConditions()).anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())));
    ObjectRef ref = ObjectRef.of("waits.converge.dev/v1", "Gadget", cluster.namespace(), "g1");
    WaitRecorder recorder = new WaitRecorder();
    WaitHandle handle = waiter.start(List.of(WaitTarget.of(ref)), recorder);
    assertThat(recorder.statuses(ref)).containsExactly(Status.NOT_FOUND);
    // when
    cluster.client().resource(new GenericKubernetesResourceBuilder()
        .withApiVersion("waits.converge.dev/v1").withKind("Gadget")
        .withNewMetadata().withName("g1").withNamespace(cluster.namespace()).endMetadata()
        .addToAdditionalProperties("spec", java.util.Map.of("size", 1)).build()).create();
    // then
    assertThat(handle.result().orTimeout(10, TimeUnit.SECONDS).join().allReached()).isTrue();
    assertThat(recorder.statuses(ref)).containsExactly(Status.NOT_FOUND, Status.CURRENT);
  }

  @Test
  void givenLoadBalancerService_whenAddressAssigned_thenCurrent(TestCluster cluster) {
    // given: no address while the load-balancer controller is paused
    String ns = cluster.namespace();
    cluster.controllers().pause("services", ns, "lb");
    Service lb = cluster.client().resource(new ServiceBuilder()
        .withNewMetadata().withName("lb").withNamespace(ns).endMetadata()
        .withNewSpec().withType("LoadBalancer").withSelector(java.util.Map.of("app", "lb"))
        .addNewPort().withPort(80).endPort().endSpec().build()).create();
    WaitRecorder recorder = new WaitRecorder();
    WaitHandle handle = waiter.start(List.of(WaitTarget.of(lb)), recorder);
    cluster.consistently(PAUSED_WINDOW, () ->
        assertThat(recorder.latest(WaitTarget.of(lb).ref()).status()).isEqualTo(Status.IN_PROGRESS));
    // when
    cluster.controllers().resume("services", ns, "lb");
    // then
    assertThat(handle.result().orTimeout(10, TimeUnit.SECONDS).join().allReached()).isTrue();
    assertThat(cluster.client().services().inNamespace(ns).withName("lb").get().getStatus()
        .getLoadBalancer().getIngress()).isNotEmpty();
  }

  @Test
  void givenJobWithTtlSeenComplete_whenDeletedWhileOthersPending_thenStaysCurrent(TestCluster cluster) {
    // given: a Job that will complete, and a Deployment held back
    String ns = cluster.namespace();
    cluster.controllers().pause("deployments", ns, "web");
    HasMetadata job = cluster.client()
        .resource(Workloads.of("Job", ns, "migrate", "registry.example/migrate:v1")).create();
    HasMetadata web = cluster.client()
        .resource(Workloads.of("Deployment", ns, "web", "registry.example/app:v1")).create();
    WaitTarget jobTarget = WaitTarget.of(job);
    WaitRecorder recorder = new WaitRecorder();
    WaitHandle handle = waiter.start(List.of(jobTarget, WaitTarget.of(web)), recorder);
    cluster.eventually(() ->
        assertThat(recorder.latest(jobTarget.ref()).status()).isEqualTo(Status.CURRENT));
    // when: ttlSecondsAfterFinished removes it (the sandbox has no TTL controller; we delete)
    cluster.client().resource(job).delete();
    cluster.eventually(() ->
        assertThat(source.get(ResourceType.of(jobTarget.ref()), ns, "migrate")).isNull());
    cluster.controllers().resume("deployments", ns, "web");
    // then
    assertThat(handle.result().orTimeout(20, TimeUnit.SECONDS).join().allReached()).isTrue();
    assertThat(recorder.statuses(jobTarget.ref())).doesNotContain(Status.NOT_FOUND);
    assertThat(recorder.latest(jobTarget.ref()).reason()).isEqualTo("CompletedAndRemoved");
  }
}
