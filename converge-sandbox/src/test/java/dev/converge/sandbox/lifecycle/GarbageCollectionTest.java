package dev.converge.sandbox.lifecycle;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import dev.converge.sandbox.SandboxFixture;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Garbage collection over a hand-made Deployment -> ReplicaSet -> Pod ownership chain. */
@Timeout(30)
class GarbageCollectionTest {
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

  /** The chain: one Deployment owning one ReplicaSet owning two Pods. */
  record Chain(String ns, Deployment deployment, ReplicaSet replicaSet, List<Pod> pods) {}

  @Test
  void givenChain_whenOwnerDeletedInBackground_thenDependentsAreCollected() {
    // given
    Chain chain = chain("gc-background", List.of());

    // when
    client.apps().deployments().inNamespace(chain.ns()).withName("web")
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

    // then the owner goes at once, its dependents soon after
    assertThat(client.apps().deployments().inNamespace(chain.ns()).withName("web").get())
        .isNull();
    await().atMost(5, SECONDS).untilAsserted(() -> {
      assertThat(client.apps().replicaSets().inNamespace(chain.ns()).list().getItems()).isEmpty();
      assertThat(client.pods().inNamespace(chain.ns()).list().getItems()).isEmpty();
    });
  }

  @Test
  void givenChain_whenOwnerDeletedInForeground_thenOwnerWaitsForItsDependents() {
    // given a pod that holds its deletion with a finalizer
    Chain chain = chain("gc-foreground", List.of("example.com/hold"));

    // when
    client.apps().deployments().inNamespace(chain.ns()).withName("web")
        .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

    // then the whole chain is terminating, the owners waiting in foreground
    await().atMost(5, SECONDS).untilAsserted(() -> {
      Deployment d = client.apps().deployments().inNamespace(chain.ns()).withName("web").get();
      assertThat(d.getMetadata().getDeletionTimestamp()).isNotNull();
      assertThat(d.getMetadata().getFinalizers()).contains("foregroundDeletion");
      ReplicaSet rs = client.apps().replicaSets().inNamespace(chain.ns()).withName("web-1").get();
      assertThat(rs.getMetadata().getDeletionTimestamp()).isNotNull();
      assertThat(rs.getMetadata().getFinalizers()).contains("foregroundDeletion");
      assertThat(client.pods().inNamespace(chain.ns()).list().getItems())
          .allSatisfy(p -> assertThat(p.getMetadata().getDeletionTimestamp()).isNotNull());
    });
    await().during(300, MILLISECONDS).atMost(2, SECONDS).untilAsserted(() -> assertThat(
        client.apps().deployments().inNamespace(chain.ns()).withName("web").get()).isNotNull());

    // when the pods let go
    for (Pod pod : client.pods().inNamespace(chain.ns()).list().getItems()) {
      pod.getMetadata().setFinalizers(List.of());
      client.pods().inNamespace(chain.ns()).resource(pod).update();
    }

    // then everything goes, the owner last
    await().atMost(5, SECONDS).untilAsserted(() -> {
      assertThat(client.pods().inNamespace(chain.ns()).list().getItems()).isEmpty();
      assertThat(client.apps().replicaSets().inNamespace(chain.ns()).list().getItems()).isEmpty();
      assertThat(client.apps().deployments().inNamespace(chain.ns()).withName("web").get())
          .isNull();
    });
  }

  @Test
  void givenChain_whenOwnerDeletedWithOrphan_thenDependentsStayWithoutTheReference() {
    // given
    Chain chain = chain("gc-orphan", List.of());

    // when
    client.apps().deployments().inNamespace(chain.ns()).withName("web")
        .withPropagationPolicy(DeletionPropagation.ORPHAN).delete();

    // then
    await().atMost(5, SECONDS).untilAsserted(() -> assertThat(
        client.apps().deployments().inNamespace(chain.ns()).withName("web").get()).isNull());
    ReplicaSet rs = client.apps().replicaSets().inNamespace(chain.ns()).withName("web-1").get();
    assertThat(rs.getMetadata().getDeletionTimestamp()).isNull();
    assertThat(rs.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(client.pods().inNamespace(chain.ns()).list().getItems()).hasSize(2)
        .allSatisfy(p -> assertThat(p.getMetadata().getOwnerReferences())
            .extracting(OwnerReference::getUid).containsExactly(rs.getMetadata().getUid()));
    await().during(300, MILLISECONDS).atMost(2, SECONDS).untilAsserted(() -> assertThat(
        client.pods().inNamespace(chain.ns()).list().getItems()).hasSize(2));
  }

  @Test
  void givenDependentWithTwoOwners_whenOneOwnerDeleted_thenDependentStaysOwnedByTheOther() {
    // given
    String ns = namespace("gc-two-owners");
    Deployment a = client.apps().deployments().inNamespace(ns).resource(deployment("a")).create();
    Deployment b = client.apps().deployments().inNamespace(ns).resource(deployment("b")).create();
    ReplicaSet shared = client.apps().replicaSets().inNamespace(ns)
        .resource(replicaSet("shared", List.of(ownedBy(a), ownedBy(b)))).create();

    // when
    client.apps().deployments().inNamespace(ns).withName("a").delete();

    // then
    await().atMost(5, SECONDS).untilAsserted(() -> assertThat(
        client.apps().replicaSets().inNamespace(ns).withName("shared").get().getMetadata()
            .getOwnerReferences()).extracting(OwnerReference::getName).containsExactly("b"));
    assertThat(client.apps().replicaSets().inNamespace(ns).withName("shared").get()
        .getMetadata().getUid()).isEqualTo(shared.getMetadata().getUid());
  }

  @Test
  void givenReferenceToReplacedOwner_whenObserved_thenDependentIsCollected() {
    // given an owner of the right name but another uid (deleted and recreated)
    String ns = namespace("gc-stale-uid");
    Deployment owner = client.apps().deployments().inNamespace(ns).resource(deployment("web"))
        .create();
    OwnerReference stale = new OwnerReferenceBuilder(ownedBy(owner))
        .withUid("00000000-0000-0000-0000-000000000000").build();

    // when
    client.apps().replicaSets().inNamespace(ns).resource(replicaSet("web-1", List.of(stale)))
        .create();

    // then
    await().atMost(5, SECONDS).untilAsserted(() -> assertThat(
        client.apps().replicaSets().inNamespace(ns).withName("web-1").get()).isNull());
    assertThat(client.apps().deployments().inNamespace(ns).withName("web").get()).isNotNull();
  }

  private Chain chain(String ns, List<String> podFinalizers) {
    namespace(ns);
    Deployment d = client.apps().deployments().inNamespace(ns).resource(deployment("web"))
        .create();
    ReplicaSet rs = client.apps().replicaSets().inNamespace(ns)
        .resource(replicaSet("web-1", List.of(ownedBy(d)))).create();
    List<Pod> pods = new ArrayList<>();
    for (String name : List.of("web-1-a", "web-1-b")) {
      pods.add(client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata()
          .withName(name).withFinalizers(podFinalizers).withOwnerReferences(ownedBy(rs))
          .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("nginx")
          .endContainer().endSpec().build()).create());
    }
    return new Chain(ns, d, rs, pods);
  }

  private static String namespace(String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).create();
    return name;
  }

  private static OwnerReference ownedBy(HasMetadata owner) {
    return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind()).withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid()).withController(true)
        .withBlockOwnerDeletion(true).build();
  }

  private static Deployment deployment(String name) {
    return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }

  private static ReplicaSet replicaSet(String name, List<OwnerReference> owners) {
    return new ReplicaSetBuilder().withNewMetadata().withName(name)
        .withOwnerReferences(owners).endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }
}
