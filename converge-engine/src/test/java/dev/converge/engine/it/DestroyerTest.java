package dev.converge.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.errors.DeleteNotCompleteException;
import dev.converge.engine.destroy.DestroyResult;
import dev.converge.engine.destroy.Destroyer;
import dev.converge.engine.inventory.ApiVersions;
import dev.converge.engine.inventory.ApplySetParent;
import dev.converge.engine.inventory.Inventory;
import dev.converge.engine.manifest.KindResolver;
import dev.converge.engine.manifest.ManifestValidator;
import dev.converge.engine.manifest.Yaml;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.Planner;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Destroy on a real API server: waits until gone, idempotent, blocking finalizers named. */
@ConvergeCluster(controllers = true)
@Requires(Capability.FAULTS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DestroyerTest {
  static final String FINALIZER = "converge.dev/held-by-test";

  ConvergeClient ops;
  Destroyer destroyer;

  @BeforeEach
  void setUp(TestCluster cluster) {
    ops = ConvergeClient.wrap(cluster.client(), ClientOptions.DEFAULTS);
    destroyer = new Destroyer(ops, Duration.ofSeconds(15), Destroyer.DEFAULT_CONCURRENCY);
  }

  @AfterEach
  void tearDown(TestCluster cluster) {
    cluster.faults().clear();
    ops.close();
  }

  Plan plan(TestCluster cluster, String yaml) {
    return Planner.plan(new ManifestValidator(KindResolver.of(ops.discovery()), cluster.namespace())
        .validate(Yaml.read("set.yaml", yaml)).orThrow());
  }

  Plan applied(TestCluster cluster, String yaml) {
    Plan plan = plan(cluster, yaml);
    plan.objects().forEach(o -> ops.apply(o.resource()));
    return plan;
  }

  static String namespacedSet(String namespace) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: %1$s}
        data: {a: b}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: %1$s}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: %1$s}
        """.formatted(namespace);
  }

  @Test
  void givenSetWithNamespace_whenDestroyedTwice_thenAllGoneFirstAndSecondIsANoOpSuccess(TestCluster cluster) {
    // given
    String namespace = cluster.namespace() + "-d";
    Plan plan = applied(cluster, namespacedSet(namespace));

    // when
    DestroyResult first = destroyer.destroy(plan).orThrow();

    // then: gone when destroy returns, the Namespace included (its finalization has ended)
    assertThat(first.deleted()).hasSize(3);
    assertThat(cluster.client().namespaces().withName(namespace).get()).isNull();
    assertThat(cluster.client().configMaps().inNamespace(namespace).withName("settings").get()).isNull();

    // when / then: a second destroy has nothing to do and succeeds
    DestroyResult second = destroyer.destroy(plan).orThrow();
    assertThat(second.nothingToDo()).isTrue();
    assertThat(second.alreadyGone()).hasSize(3);

    // and the set can be applied again at once: the Namespace is not left terminating
    applied(cluster, namespacedSet(namespace));
    assertThat(cluster.client().configMaps().inNamespace(namespace).withName("settings").get()).isNotNull();
    destroyer.destroy(plan).orThrow();
  }

  @Test
  void givenFinalizerNobodyRemoves_whenDestroyed_thenTimeoutNamesTheFinalizer(TestCluster cluster) {
    // given
    cluster.client().configMaps().inNamespace(cluster.namespace()).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("held").addToFinalizers(FINALIZER).endMetadata().build()).create();
    Plan plan = plan(cluster, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: held}\n");
    Destroyer impatient = new Destroyer(ops, Duration.ofSeconds(1), 1);
    try {
      // when
      DestroyResult result = impatient.destroy(plan);

      // then
      assertThat(result.succeeded()).isFalse();
      assertThat(result.failed().values()).singleElement().isInstanceOfSatisfying(DeleteNotCompleteException.class,
          e -> assertThat(e.finalizers()).containsExactly(FINALIZER));
      assertThatThrownBy(result::orThrow).hasMessageContaining(FINALIZER).hasMessageContaining("held");
    } finally {
      cluster.client().configMaps().inNamespace(cluster.namespace()).withName("held")
          .edit(cm -> new ConfigMapBuilder(cm).editMetadata().withFinalizers(List.of()).endMetadata().build());
    }
  }

  @Test
  void givenTransientDeleteFailures_whenDestroyed_thenRetriedAndEverythingGone(TestCluster cluster) {
    // given: the first two deletes of ConfigMaps answer 503
    Plan plan = applied(cluster, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"
        + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n");
    cluster.faults().add(FaultSpec.parse("verb=delete,path=/api/v1/namespaces/" + cluster.namespace()
        + "/configmaps/*,status=503,count=2"));

    // when
    DestroyResult result = destroyer.destroy(plan).orThrow();

    // then
    assertThat(result.deleted()).hasSize(2);
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).list().getItems()).isEmpty();
  }

  @Test
  void givenAppliedApplySet_whenDestroyedTwice_thenMembersAndParentGoAndSecondIsANoOp(TestCluster cluster) {
    // given
    Inventory inventory = new Inventory(ops, ops.discovery(), ApiVersions.preferred(cluster.client()),
        ApplySetParent.secret(cluster.namespace(), "web-set"));
    Planner.plan(inventory.widen(plan(cluster, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec: {ports: [{port: 80}]}
        """).objects())).objects().forEach(o -> ops.apply(o.resource()));

    // when
    DestroyResult first = destroyer.destroy(inventory).orThrow();

    // then
    assertThat(first.deleted()).extracting(k -> k.name()).containsExactlyInAnyOrder("a", "web");
    assertThat(inventory.readParent()).isEmpty();
    assertThat(destroyer.destroy(inventory).orThrow().nothingToDo()).isTrue();
  }

  @Test
  void givenDependantThatCannotGo_whenDestroyed_thenWhatItDependsOnIsLeftInPlace(TestCluster cluster) {
    // given: a held ConfigMap inside a Namespace of the set; the Namespace is deleted only after it
    String namespace = cluster.namespace() + "-h";
    Plan plan = applied(cluster, """
        apiVersion: v1
        kind: Namespace
        metadata: {name: %1$s}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: held, namespace: %1$s, finalizers: [%2$s]}
        """.formatted(namespace, FINALIZER));
    Destroyer impatient = new Destroyer(ops, Duration.ofSeconds(1), 1);
    try {
      // when
      DestroyResult result = impatient.destroy(plan);

      // then: the ConfigMap failed, so its Namespace was not even asked to go
      assertThat(result.failed().keySet()).extracting(k -> k.name()).containsExactly("held");
      assertThat(result.deleted()).isEmpty();
      assertThat(cluster.client().namespaces().withName(namespace).get().getMetadata().getDeletionTimestamp()).isNull();
    } finally {
      cluster.client().configMaps().inNamespace(namespace).withName("held")
          .edit(cm -> new ConfigMapBuilder(cm).editMetadata().withFinalizers(List.of()).endMetadata().build());
      destroyer.destroy(plan).orThrow();
    }
  }
}
