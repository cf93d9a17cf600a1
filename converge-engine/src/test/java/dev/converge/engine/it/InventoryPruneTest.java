package dev.converge.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.engine.destroy.Destroyer;
import dev.converge.engine.destroy.EmptySetException;
import dev.converge.engine.destroy.PruneOptions;
import dev.converge.engine.destroy.PruneResult;
import dev.converge.engine.destroy.Pruner;
import dev.converge.engine.inventory.ApiVersions;
import dev.converge.engine.inventory.ApplySetKeys;
import dev.converge.engine.inventory.ApplySetParent;
import dev.converge.engine.inventory.Inventory;
import dev.converge.engine.manifest.KindResolver;
import dev.converge.engine.manifest.ManifestObject;
import dev.converge.engine.manifest.ManifestValidator;
import dev.converge.engine.manifest.Yaml;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.Planner;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ApplySet inventory on a real API server: KEP-3659 metadata, prune after apply, its refusals. */
@ConvergeCluster(controllers = true)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InventoryPruneTest {
  static final Duration DELETE_TIMEOUT = Duration.ofSeconds(10);

  ConvergeClient ops;
  Inventory inventory;
  Pruner pruner;

  @BeforeEach
  void setUp(TestCluster cluster) {
    ops = ConvergeClient.wrap(cluster.client(), ClientOptions.DEFAULTS);
    inventory = new Inventory(ops, ops.discovery(), ApiVersions.preferred(cluster.client()),
        ApplySetParent.secret(cluster.namespace(), "web-set"));
    pruner = new Pruner(new Destroyer(ops, DELETE_TIMEOUT, Destroyer.DEFAULT_CONCURRENCY));
  }

  @AfterEach
  void tearDown() {
    ops.close();
  }

  /** Validates, widens the inventory and applies the stamped set in plan order, as the CLI does. */
  Plan apply(TestCluster cluster, String yaml) {
    List<ManifestObject> valid = new ManifestValidator(KindResolver.of(ops.discovery()), cluster.namespace())
        .validate(Yaml.read("set.yaml", yaml)).orThrow();
    Plan plan = Planner.plan(inventory.widen(valid));
    plan.objects().forEach(o -> ops.apply(o.resource()));
    return plan;
  }

  static String configMaps(String... names) {
    StringBuilder yaml = new StringBuilder();
    for (String name : names) {
      yaml.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ").append(name).append("}\ndata: {k: v}\n---\n");
    }
    return yaml.toString();
  }

  ConfigMap configMap(TestCluster cluster, String name) {
    return cluster.client().configMaps().inNamespace(cluster.namespace()).withName(name).get();
  }

  @Test
  void givenAppliedSet_whenParentRead_thenItCarriesKepLabelsAndAnnotationsAndListsMembers(TestCluster cluster) {
    // when
    apply(cluster, configMaps("a") + """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
        """);

    // then
    Secret parent = cluster.client().secrets().inNamespace(cluster.namespace()).withName("web-set").get();
    String id = ApplySetParent.secret(cluster.namespace(), "web-set").id();
    assertThat(parent.getMetadata().getLabels()).containsEntry("applyset.kubernetes.io/id", id);
    assertThat(parent.getMetadata().getAnnotations())
        .containsEntry("applyset.kubernetes.io/tooling", "converge/v0.1.0")
        .containsEntry("applyset.kubernetes.io/contains-group-kinds", "ConfigMap,Deployment.apps")
        .doesNotContainKey("applyset.kubernetes.io/additional-namespaces");
    assertThat(configMap(cluster, "a").getMetadata().getLabels()).containsEntry("applyset.kubernetes.io/part-of", id);
    assertThat(inventory.members()).extracting(m -> m.getKind() + "/" + m.getMetadata().getName())
        .containsExactlyInAnyOrder("ConfigMap/a", "Deployment/web");
  }

  @Test
  void givenMemberDroppedFromSet_whenPruned_thenOnlyItIsDeletedAndUnlabelledOrForeignObjectsStay(TestCluster cluster) {
    // given: a, b in the set; c of the same kind without the label; d in another set
    apply(cluster, configMaps("a", "b"));
    cluster.client().configMaps().inNamespace(cluster.namespace()).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("c").endMetadata().build()).create();
    cluster.client().configMaps().inNamespace(cluster.namespace()).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("d").addToLabels(ApplySetKeys.PART_OF_LABEL,
            ApplySetParent.secret(cluster.namespace(), "other-set").id()).endMetadata().build()).create();

    // when: b is dropped
    Plan desired = apply(cluster, configMaps("a"));
    PruneResult result = pruner.prune(inventory, desired, true, PruneOptions.DEFAULTS);

    // then: b is gone by the time prune returns; a, c, d untouched
    assertThat(result.succeeded()).isTrue();
    assertThat(result.pruned()).extracting(k -> k.name()).containsExactly("b");
    assertThat(configMap(cluster, "b")).isNull();
    assertThat(configMap(cluster, "a")).isNotNull();
    assertThat(configMap(cluster, "c")).isNotNull();
    assertThat(configMap(cluster, "d")).isNotNull();
  }

  @Test
  void givenKindDroppedFromSet_whenPruned_thenItsMembersGoAndParentNoLongerListsIt(TestCluster cluster) {
    // given
    apply(cluster, configMaps("a") + """
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec: {ports: [{port: 80}]}
        """);

    // when
    Plan desired = apply(cluster, configMaps("a"));
    pruner.prune(inventory, desired, true, PruneOptions.DEFAULTS).destroyed().orThrow();

    // then
    assertThat(cluster.client().services().inNamespace(cluster.namespace()).withName("web").get()).isNull();
    assertThat(inventory.readParent().orElseThrow().getMetadata().getAnnotations())
        .containsEntry(ApplySetKeys.CONTAINS_GROUP_KINDS_ANNOTATION, "ConfigMap");
  }

  @Test
  void givenEmptyDesiredSet_whenPruned_thenRefusedAndNothingDeletedUnlessAllowed(TestCluster cluster) {
    // given
    apply(cluster, configMaps("a"));
    Plan empty = new Plan(List.of());

    // when / then: refused
    assertThatThrownBy(() -> pruner.prune(inventory, empty, true, PruneOptions.DEFAULTS))
        .isInstanceOf(EmptySetException.class).hasMessageContaining("empty desired set");
    assertThat(configMap(cluster, "a")).isNotNull();

    // when / then: allowed explicitly, everything goes
    assertThat(pruner.prune(inventory, empty, true, PruneOptions.DEFAULTS.allowingEmpty()).pruned()).hasSize(1);
    assertThat(configMap(cluster, "a")).isNull();
  }

  @Test
  void givenFailedApply_whenPruned_thenNothingIsDeleted(TestCluster cluster) {
    // given
    apply(cluster, configMaps("a", "b"));
    Plan desired = apply(cluster, configMaps("a"));

    // when
    PruneResult result = pruner.prune(inventory, desired, false, PruneOptions.DEFAULTS);

    // then
    assertThat(result.skipped()).hasValueSatisfying(r -> assertThat(r).contains("apply failed"));
    assertThat(result.pruned()).isEmpty();
    assertThat(configMap(cluster, "b")).isNotNull();
    assertThat(inventory.members()).extracting(GenericKubernetesResource::getMetadata)
        .extracting(m -> m.getName()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  @Requires({Capability.FAULTS, Capability.REQUEST_COUNTS})
  void givenTransientFailuresListingAndDeleting_whenPruned_thenRetriedAndOnlyTheDroppedMemberGoes(TestCluster cluster) {
    // given
    apply(cluster, configMaps("a", "b"));
    Plan desired = apply(cluster, configMaps("a"));
    String configMaps = "/api/v1/namespaces/" + cluster.namespace() + "/configmaps";
    cluster.faults().add(FaultSpec.parse("verb=list,path=" + configMaps + ",status=503,count=2"));
    cluster.faults().add(FaultSpec.parse("verb=delete,path=" + configMaps + "/*,status=500,count=1"));
    try {
      // when
      PruneResult result = pruner.prune(inventory, desired, true, PruneOptions.DEFAULTS);

      // then
      assertThat(result.pruned()).extracting(k -> k.name()).containsExactly("b");
      assertThat(configMap(cluster, "b")).isNull();
      assertThat(configMap(cluster, "a")).isNotNull();
      assertThat(cluster.requests().count(RequestQuery.all().verb("list").resource("configmaps").outcome("503")))
          .as("the injected list failures were met").isEqualTo(2);
    } finally {
      cluster.faults().clear();
    }
  }

  @Test
  void givenClusterScopedMemberDropped_whenPruned_thenItIsFoundAndDeleted(TestCluster cluster) {
    // given: a cluster-scoped member, listed once rather than per namespace
    String role = cluster.namespace() + "-view";
    apply(cluster, configMaps("a") + """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: %s}
        rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
        """.formatted(role));
    assertThat(inventory.members()).extracting(m -> m.getMetadata().getName()).containsExactlyInAnyOrder("a", role);

    // when
    Plan desired = apply(cluster, configMaps("a"));
    PruneResult result = pruner.prune(inventory, desired, true, PruneOptions.DEFAULTS);

    // then
    assertThat(result.pruned()).extracting(k -> k.name()).containsExactly(role);
    assertThat(cluster.client().rbac().clusterRoles().withName(role).get()).isNull();
    assertThat(inventory.readParent().orElseThrow().getMetadata().getAnnotations())
        .containsEntry(ApplySetKeys.CONTAINS_GROUP_KINDS_ANNOTATION, "ConfigMap");
  }
}
