package dev.converge.core.it.client;

import static dev.converge.core.it.client.Fixtures.configMap;
import static dev.converge.core.it.client.Fixtures.configMapRequests;
import static dev.converge.core.it.client.Fixtures.configMapsPath;
import static dev.converge.core.it.client.Fixtures.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.converge.core.client.ApplyOption;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.client.CreateToken;
import dev.converge.core.client.DeleteOption;
import dev.converge.core.client.Kind;
import dev.converge.core.client.ObjectWriter;
import dev.converge.core.errors.AlreadyExistsException;
import dev.converge.core.errors.ConflictException;
import dev.converge.core.errors.DeleteNotCompleteException;
import dev.converge.core.errors.FieldManagerConflictException;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.sandbox.faults.RequestRecord;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Creates, updates, applies, status writes and deletes resolve what a retry can leave behind. */
@ConvergeCluster(controllers = false)
@Requires({Capability.FAULTS, Capability.REQUEST_COUNTS})
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConvergeClientWritesTest {

  @AfterEach
  void clearFaults(TestCluster cluster) {
    cluster.faults().clear();
  }

  @Test
  void givenResponseLostAfterCommit_whenCreate_thenReturnsTheObjectNotAlreadyExists(TestCluster cluster) {
    // given: the first POST is committed, then its connection reset instead of answered
    cluster.faults().add(FaultSpec.parse("verb=create,path=" + configMapsPath(cluster)
        + ",reset-after-commit,count=1"));
    ConvergeClient ops = ops(cluster, Fixtures.FAST);

    // when
    ConfigMap created = ops.create(configMap(cluster.namespace(), "app", "k", "v"));

    // then
    assertThat(created.getData()).containsEntry("k", "v");
    assertThat(created.getMetadata().getAnnotations()).containsKey(CreateToken.ANNOTATION);
    assertThat(cluster.requests().count(RequestQuery.all().verb("create").resource("configmaps")
        .namespace(cluster.namespace()).outcome(RequestRecord.RESET))).isEqualTo(1);
    assertThat(configMapRequests(cluster, "create")).isEqualTo(2);
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).list().getItems())
        .extracting(cm -> cm.getMetadata().getName()).containsExactly("app");
  }

  @Test
  void givenSomeoneElsesObject_whenARetriedCreateFindsIt_thenAlreadyExistsAndNotAdopted(TestCluster cluster) {
    // given: theirs exists; our first POST is reset before it reaches the store, the retry gets 409
    cluster.client().resource(configMap(cluster.namespace(), "app", "owner", "them")).create();
    cluster.faults().add(FaultSpec.parse("verb=create,path=" + configMapsPath(cluster) + ",reset,count=1"));
    ConvergeClient ops = ops(cluster, Fixtures.FAST);
    long createsBefore = configMapRequests(cluster, "create");

    // when
    Throwable thrown = catchThrowable(() -> ops.create(configMap(cluster.namespace(), "app", "owner", "us")));

    // then: read back, not ours, so AlreadyExists
    assertThat(thrown).isInstanceOf(AlreadyExistsException.class);
    assertThat(configMapRequests(cluster, "create") - createsBefore).isEqualTo(2);
    assertThat(configMapRequests(cluster, "get")).isEqualTo(1);
    ConfigMap theirs = cluster.client().configMaps().inNamespace(cluster.namespace()).withName("app").get();
    assertThat(theirs.getData()).containsEntry("owner", "them");
    assertThat(theirs.getMetadata().getAnnotations()).doesNotContainKey(CreateToken.ANNOTATION);
  }

  @Test
  void givenTheNameIsTaken_whenTheFirstPostFindsIt_thenAlreadyExistsWithoutReadBack(TestCluster cluster) {
    // given
    cluster.client().resource(configMap(cluster.namespace(), "app", "owner", "them")).create();
    ConvergeClient ops = ops(cluster, Fixtures.FAST);
    long createsBefore = configMapRequests(cluster, "create");

    // when
    Throwable thrown = catchThrowable(() -> ops.create(configMap(cluster.namespace(), "app", "owner", "us")));

    // then
    assertThat(thrown).isInstanceOf(AlreadyExistsException.class);
    assertThat(configMapRequests(cluster, "create") - createsBefore).isEqualTo(1);
    assertThat(configMapRequests(cluster, "get")).isZero();
  }

  @Test
  void givenMissingObject_whenDelete_thenSucceedsWithOneRequest(TestCluster cluster) {
    // given
    ConvergeClient ops = ops(cluster, Fixtures.FAST);

    // when
    ops.delete(configMap(cluster.namespace(), "never-there", "k", "v"));

    // then
    assertThat(configMapRequests(cluster, "delete")).isEqualTo(1);
  }

  @Test
  void givenAFinalizerNobodyRemoves_whenDeleteWaits_thenDeleteNotCompleteNamesIt(TestCluster cluster) {
    // given
    ConfigMap held = cluster.client().resource(new ConfigMapBuilder(configMap(cluster.namespace(), "held", "k", "v"))
        .editMetadata().addToFinalizers("example.com/hold").endMetadata().build()).create();
    ConvergeClient ops = ops(cluster, Fixtures.FAST);

    // when
    Throwable thrown = catchThrowable(() -> ops.delete(held, DeleteOption.waitUntilGone(Duration.ofSeconds(1))));

    // then
    assertThat(thrown).isInstanceOf(DeleteNotCompleteException.class)
        .hasMessageContaining("example.com/hold");
    assertThat(((DeleteNotCompleteException) thrown).finalizers()).containsExactly("example.com/hold");
    releaseFinalizers(cluster, "held");
  }

  @Test
  void givenAFinalizerRemovedLater_whenDeleteWaits_thenReturnsOnceGone(TestCluster cluster) {
    // given
    ConfigMap held = cluster.client().resource(new ConfigMapBuilder(configMap(cluster.namespace(), "held", "k", "v"))
        .editMetadata().addToFinalizers("example.com/hold").endMetadata().build()).create();
    ConvergeClient ops = ops(cluster, Fixtures.FAST);

    // when
    CompletableFuture<Void> deleted = CompletableFuture.runAsync(
        () -> ops.delete(held, DeleteOption.waitUntilGone(Duration.ofSeconds(20))));
    cluster.eventually(() -> assertThat(cluster.client().configMaps().inNamespace(cluster.namespace())
        .withName("held").get().getMetadata().getDeletionTimestamp()).isNotNull());
    assertThat(deleted).isNotDone();
    releaseFinalizers(cluster, "held");

    // then
    assertThat(deleted).succeedsWithin(Duration.ofSeconds(5));
  }

  @Test
  void givenTheObjectIsRecreatedBeforeTheWaitLooks_whenDeleteWaits_thenTheNewUidCountsAsGone(TestCluster cluster) {
    // given: the wait's first list is held back until the object was replaced by a new one
    ConfigMap old = cluster.client().resource(new ConfigMapBuilder(configMap(cluster.namespace(), "app", "k", "old"))
        .editMetadata().addToFinalizers("example.com/hold").endMetadata().build()).create();
    cluster.faults().add(FaultSpec.parse("verb=list,path=" + configMapsPath(cluster) + ",latency=2s,count=1"));
    ConvergeClient ops = ops(cluster, Fixtures.FAST);

    // when
    CompletableFuture<Void> deleted = CompletableFuture.runAsync(
        () -> ops.delete(old, DeleteOption.waitUntilGone(Duration.ofSeconds(15))));
    cluster.eventually(() -> assertThat(cluster.client().configMaps().inNamespace(cluster.namespace())
        .withName("app").get().getMetadata().getDeletionTimestamp()).isNotNull());
    releaseFinalizers(cluster, "app");
    cluster.eventually(() -> assertThat(cluster.client().configMaps().inNamespace(cluster.namespace())
        .withName("app").get()).isNull());
    ConfigMap recreated = cluster.client().resource(configMap(cluster.namespace(), "app", "k", "new")).create();

    // then: the wait sees only the new object, and knows it is not the one it deleted
    assertThat(deleted).succeedsWithin(Duration.ofSeconds(8));
    assertThat(recreated.getMetadata().getUid()).isNotEqualTo(old.getMetadata().getUid());
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("app").get()
        .getData()).containsEntry("k", "new");
  }

  @Test
  void givenAConcurrentWriter_whenUpdate_thenReReadsAndAppliesTheMutationAgain(TestCluster cluster) {
    // given: our copy is stale, someone else wrote after we read
    ConfigMap stale = cluster.client().resource(configMap(cluster.namespace(), "app", "theirs", "0")).create();
    cluster.client().configMaps().inNamespace(cluster.namespace()).withName("app")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("theirs", "1").build());
    ConvergeClient ops = ops(cluster, Fixtures.FAST);
    AtomicInteger mutations = new AtomicInteger();

    // when
    ConfigMap updated = ops.update(stale, cm -> {
      mutations.incrementAndGet();
      cm.getData().put("ours", "1");
      return cm;
    });

    // then
    assertThat(updated.getData()).containsEntry("theirs", "1").containsEntry("ours", "1");
    assertThat(mutations).hasValue(2);
    assertThat(configMapRequests(cluster, "update")).isEqualTo(2);  // our conflict, ours (theirs patched)
  }

  @Test
  void givenAWriterThatAlwaysWins_whenUpdate_thenGivesUpAfterTenReReadsWithTheBoundInTheMessage(TestCluster cluster) {
    // given: every mutation is overtaken by another write before our PUT
    ConfigMap cm = cluster.client().resource(configMap(cluster.namespace(), "app", "n", "0")).create();
    ConvergeClient ops = ops(cluster, Fixtures.FAST);
    AtomicInteger mutations = new AtomicInteger();

    // when
    Throwable thrown = catchThrowable(() -> ops.update(cm, mine -> {
      int n = mutations.incrementAndGet();
      cluster.client().configMaps().inNamespace(cluster.namespace()).withName("app")
          .edit(theirs -> new ConfigMapBuilder(theirs).addToData("n", Integer.toString(n)).build());
      mine.getData().put("ours", "1");
      return mine;
    }));

    // then
    assertThat(thrown).isInstanceOf(ConflictException.class)
        .hasMessageContaining("after " + ObjectWriter.MAX_CONFLICT_RETRIES + " re-reads");
    assertThat(mutations).hasValue(ObjectWriter.MAX_CONFLICT_RETRIES + 1);
  }

  @Test
  void givenAFieldOwnedByAnotherManager_whenApplyWithoutForce_thenConflictNamesItAndForceTakesIt(TestCluster cluster) {
    // given
    cluster.client().resource(configMap(cluster.namespace(), "app", "k", "theirs"))
        .fieldManager("other-tool").serverSideApply();
    ConvergeClient ops = ops(cluster, Fixtures.FAST);
    ConfigMap ours = configMap(cluster.namespace(), "app", "k", "ours");

    // when
    Throwable thrown = catchThrowable(() -> ops.apply(ours));
    ConfigMap forced = ops.apply(ours, ApplyOption.force());

    // then
    assertThat(thrown).isInstanceOf(FieldManagerConflictException.class);
    FieldManagerConflictException conflict = (FieldManagerConflictException) thrown;
    assertThat(conflict.managers()).containsExactly("other-tool");
    assertThat(conflict.fields()).anySatisfy(f -> assertThat(f).contains("data.k"));
    assertThat(configMapRequests(cluster, "patch")).isEqualTo(3);  // theirs, our conflict, forced
    assertThat(forced.getData()).containsEntry("k", "ours");
    assertThat(forced.getMetadata().getManagedFields())
        .anySatisfy(m -> assertThat(m.getManager()).isEqualTo("converge"));
  }

  @Test
  void givenADeployment_whenStatusIsUpdatedAndPatched_thenOnlyTheStatusSubresourceChanges(TestCluster cluster) {
    // given
    Deployment web = cluster.client().resource(new DeploymentBuilder().withNewMetadata()
        .withName("web").withNamespace(cluster.namespace()).endMetadata().withNewSpec().withReplicas(2)
        .withNewSelector().addToMatchLabels("app", "web").endSelector().withNewTemplate()
        .withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer()
        .withName("web").withImage("nginx").endContainer().endSpec().endTemplate().endSpec().build())
        .create();
    ConvergeClient ops = ops(cluster, Fixtures.FAST);

    // when
    Deployment updated = ops.updateStatus(web, d -> {
      d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(2).build());
      d.getSpec().setReplicas(5);  // ignored by /status
      return d;
    });
    updated.getStatus().setReadyReplicas(1);
    updated.getMetadata().setResourceVersion(null);
    Deployment patched = ops.patchStatus(updated);

    // then
    assertThat(patched.getStatus().getReplicas()).isEqualTo(2);
    assertThat(patched.getStatus().getReadyReplicas()).isEqualTo(1);
    assertThat(patched.getSpec().getReplicas()).isEqualTo(2);
    assertThat(cluster.requests().count(RequestQuery.all().resource("apps/deployments")
        .subresource("status").namespace(cluster.namespace()))).isEqualTo(2);
  }

  @Test
  void givenAnUnstructuredKind_whenAppliedAndRead_thenDiscoveryIsAskedOnce(TestCluster cluster) {
    // given
    ConvergeClient ops = ops(cluster, Fixtures.FAST);
    Kind<GenericKubernetesResource> kind = Kind.unstructured("v1", "ConfigMap");
    GenericKubernetesResource cm = new GenericKubernetesResource();
    cm.setApiVersion("v1");
    cm.setKind("ConfigMap");
    cm.setMetadata(configMap(cluster.namespace(), "raw", "k", "v").getMetadata());
    cm.setAdditionalProperty("data", java.util.Map.of("k", "v"));

    // when
    ops.apply(cm);
    List<GenericKubernetesResource> listed = ops.list(kind, cluster.namespace());
    GenericKubernetesResource read = ops.get(kind, cluster.namespace(), "raw").orElseThrow();

    // then
    assertThat(listed).extracting(o -> o.getMetadata().getName()).containsExactly("raw");
    assertThat(read.get("data", "k").toString()).isEqualTo("v");
    assertThat(((dev.converge.core.client.internal.DiscoveryCache) ops.discovery()).fetches()).isEqualTo(1);
    assertThat(ops.discovery().lookup("v1", "ConfigMap").namespaced()).isTrue();
  }

  private static void releaseFinalizers(TestCluster cluster, String name) {
    cluster.client().configMaps().inNamespace(cluster.namespace()).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
  }
}
