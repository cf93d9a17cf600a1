package dev.converge.sandbox.controllers;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** StatefulSets: ordinals, revisions, RollingUpdate with partition, OnDelete, claims, pause. */
@Timeout(60)
class StatefulSetControllerTest {
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
  void givenStatefulSet_whenCreated_thenOrdinalPodsRevisionAndClaims() {
    // given
    String ns = Workloads.namespace(client, "sts-create");
    StatefulSet sts = Workloads.statefulSet("db", 3, "postgres:16");
    sts.getSpec().setVolumeClaimTemplates(List.of(new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName("data").endMetadata().withNewSpec()
        .withAccessModes("ReadWriteOnce").withNewResources()
        .withRequests(Map.of("storage", new Quantity("1Gi"))).endResources().endSpec().build()));

    // when
    client.apps().statefulSets().inNamespace(ns).resource(sts).create();

    // then
    await().atMost(20, SECONDS).ignoreExceptions().untilAsserted(() -> {
      StatefulSetStatus s = status(ns, "db");
      assertThat(s.getReadyReplicas()).isEqualTo(3);
      assertThat(s.getReplicas()).isEqualTo(3);
      assertThat(s.getCurrentReplicas()).isEqualTo(3);
      assertThat(s.getUpdatedReplicas()).isEqualTo(3);
      assertThat(s.getAvailableReplicas()).isEqualTo(3);
      assertThat(s.getObservedGeneration()).isEqualTo(1L);
      assertThat(s.getCollisionCount()).isZero();
      assertThat(s.getCurrentRevision()).isEqualTo(s.getUpdateRevision()).startsWith("db-");
    });
    StatefulSetStatus s = status(ns, "db");
    List<ControllerRevision> revisions =
        client.apps().controllerRevisions().inNamespace(ns).list().getItems();
    assertThat(revisions).singleElement().satisfies(r -> {
      assertThat(r.getMetadata().getName()).isEqualTo(s.getUpdateRevision());
      assertThat(r.getRevision()).isEqualTo(1L);
      assertThat(r.getData()).isNotNull();
    });
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      int i = ordinal;
      Pod p = client.pods().inNamespace(ns).withName("db-" + i).get();
      assertThat(p.getMetadata().getLabels())
          .containsEntry("controller-revision-hash", s.getUpdateRevision())
          .containsEntry("statefulset.kubernetes.io/pod-name", "db-" + i);
      assertThat(p.getSpec().getVolumes()).anySatisfy(v -> assertThat(
          v.getPersistentVolumeClaim().getClaimName()).isEqualTo("data-db-" + i));
    }
    await().atMost(10, SECONDS).ignoreExceptions().untilAsserted(() ->
        assertThat(client.persistentVolumeClaims().inNamespace(ns).list().getItems())
            .hasSize(3).allSatisfy(c -> assertThat(c.getStatus().getPhase()).isEqualTo("Bound")));
  }

  @Test
  void givenPartition_whenTemplateChanges_thenOnlyOrdinalsFromPartitionUpdate() {
    // given
    String ns = Workloads.namespace(client, "sts-partition");
    StatefulSet sts = Workloads.statefulSet("db", 3, "postgres:16");
    sts.getSpec().setUpdateStrategy(new StatefulSetUpdateStrategyBuilder()
        .withType("RollingUpdate").withNewRollingUpdate().withPartition(2).endRollingUpdate()
        .build());
    client.apps().statefulSets().inNamespace(ns).resource(sts).create();
    await().atMost(20, SECONDS).ignoreExceptions()
        .until(() -> status(ns, "db").getReadyReplicas() == 3);
    String before = status(ns, "db").getCurrentRevision();

    // when
    setImage(ns, "postgres:17");

    // then
    await().atMost(20, SECONDS).ignoreExceptions().untilAsserted(() -> {
      StatefulSetStatus s = status(ns, "db");
      assertThat(s.getUpdateRevision()).isNotEqualTo(before);
      assertThat(s.getUpdatedReplicas()).isEqualTo(1);
      assertThat(s.getCurrentRevision()).isEqualTo(before);
      assertThat(s.getReadyReplicas()).isEqualTo(3);
      assertThat(image(ns, "db-2")).isEqualTo("postgres:17");
    });
    assertThat(image(ns, "db-0")).isEqualTo("postgres:16");
    assertThat(image(ns, "db-1")).isEqualTo("postgres:16");

    // and when the partition drops to 0, the rest follow from the highest ordinal down
    client.apps().statefulSets().inNamespace(ns).withName("db").patch(Workloads.strategic(),
        "{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":0}}}}");
    await().atMost(20, SECONDS).ignoreExceptions().untilAsserted(() -> {
      StatefulSetStatus s = status(ns, "db");
      assertThat(s.getUpdatedReplicas()).isEqualTo(3);
      assertThat(s.getCurrentRevision()).isEqualTo(s.getUpdateRevision());
      assertThat(s.getCurrentReplicas()).isEqualTo(3);
    });
  }

  @Test
  void givenOnDelete_whenTemplateChanges_thenOldPodsStayUntilDeleted() {
    // given
    String ns = Workloads.namespace(client, "sts-ondelete");
    StatefulSet sts = Workloads.statefulSet("db", 2, "postgres:16");
    sts.getSpec().setUpdateStrategy(new StatefulSetUpdateStrategyBuilder().withType("OnDelete")
        .build());
    client.apps().statefulSets().inNamespace(ns).resource(sts).create();
    await().atMost(20, SECONDS).ignoreExceptions()
        .until(() -> status(ns, "db").getReadyReplicas() == 2);
    String uid = client.pods().inNamespace(ns).withName("db-1").get().getMetadata().getUid();

    // when
    setImage(ns, "postgres:17");

    // then the update revision changes but no pod is replaced
    await().during(1, SECONDS).atMost(10, SECONDS).ignoreExceptions().untilAsserted(() -> {
      StatefulSetStatus s = status(ns, "db");
      assertThat(s.getObservedGeneration()).isEqualTo(2L);
      assertThat(s.getUpdatedReplicas()).isZero();
      assertThat(client.pods().inNamespace(ns).withName("db-1").get().getMetadata().getUid())
          .isEqualTo(uid);
    });

    // and when the pod is deleted, it comes back with the new revision
    client.pods().inNamespace(ns).withName("db-1").delete();
    await().atMost(20, SECONDS).ignoreExceptions().untilAsserted(() -> {
      StatefulSetStatus s = status(ns, "db");
      assertThat(s.getUpdatedReplicas()).isEqualTo(1);
      assertThat(s.getReadyReplicas()).isEqualTo(2);
      assertThat(image(ns, "db-1")).isEqualTo("postgres:17");
    });
    assertThat(image(ns, "db-0")).isEqualTo("postgres:16");
  }

  @Test
  void givenStatefulSetsPaused_whenScaled_thenStatusStaysUntilResumed() {
    // given
    String ns = Workloads.namespace(client, "sts-pause");
    client.apps().statefulSets().inNamespace(ns)
        .resource(Workloads.statefulSet("db", 1, "postgres:16")).create();
    await().atMost(20, SECONDS).ignoreExceptions()
        .until(() -> status(ns, "db").getReadyReplicas() == 1);
    sandbox.controllers().pause("statefulsets");
    try {
      // when
      client.apps().statefulSets().inNamespace(ns).withName("db").scale(2);

      // then
      await().during(1, SECONDS).atMost(5, SECONDS).untilAsserted(() -> {
        assertThat(status(ns, "db").getObservedGeneration()).isEqualTo(1L);
        assertThat(client.pods().inNamespace(ns).withName("db-1").get()).isNull();
      });
    } finally {
      sandbox.controllers().resume("statefulsets");
    }
    await().atMost(20, SECONDS).ignoreExceptions().untilAsserted(() -> {
      assertThat(status(ns, "db").getObservedGeneration()).isEqualTo(2L);
      assertThat(status(ns, "db").getReadyReplicas()).isEqualTo(2);
    });
  }

  private static void setImage(String ns, String image) {
    client.apps().statefulSets().inNamespace(ns).withName("db")
        .patch(Workloads.strategic(), Workloads.imagePatch("main", image));
  }

  private static String image(String ns, String pod) {
    return client.pods().inNamespace(ns).withName(pod).get().getSpec().getContainers().get(0)
        .getImage();
  }

  private static StatefulSetStatus status(String ns, String name) {
    return client.apps().statefulSets().inNamespace(ns).withName(name).get().getStatus();
  }
}
