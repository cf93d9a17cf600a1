package dev.converge.sandbox.controllers;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deployments roll out through ReplicaSets and pods, over a fabric8 client on the socket. */
@Timeout(60)
class DeploymentControllerTest {
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
  void givenDeployment_whenCreated_thenReplicaSetAndReadyPodsAndStatus() {
    // given
    String ns = Workloads.namespace(client, "deploy-create");

    // when
    client.apps().deployments().inNamespace(ns)
        .resource(Workloads.deployment("web", 3, "nginx:1.27")).create();

    // then
    await().atMost(20, SECONDS).untilAsserted(() -> {
      DeploymentStatus s = status(ns, "web");
      assertThat(s.getObservedGeneration()).isEqualTo(1L);
      assertThat(s.getReplicas()).isEqualTo(3);
      assertThat(s.getUpdatedReplicas()).isEqualTo(3);
      assertThat(s.getReadyReplicas()).isEqualTo(3);
      assertThat(s.getAvailableReplicas()).isEqualTo(3);
      assertThat(condition(s, "Available").getReason()).isEqualTo("MinimumReplicasAvailable");
      assertThat(condition(s, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
    });
    List<ReplicaSet> sets = client.apps().replicaSets().inNamespace(ns).list().getItems();
    assertThat(sets).hasSize(1);
    ReplicaSet rs = sets.get(0);
    String hash = rs.getMetadata().getLabels().get("pod-template-hash");
    assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
    assertThat(rs.getMetadata().getAnnotations()).containsEntry(
        "deployment.kubernetes.io/revision", "1");
    assertThat(rs.getMetadata().getOwnerReferences().get(0).getController()).isTrue();
    assertThat(rs.getMetadata().getOwnerReferences().get(0).getBlockOwnerDeletion()).isTrue();
    assertThat(rs.getStatus().getObservedGeneration()).isEqualTo(rs.getMetadata().getGeneration());
    List<Pod> pods = client.pods().inNamespace(ns).list().getItems();
    assertThat(pods).hasSize(3).allSatisfy(p -> {
      assertThat(p.getMetadata().getName()).startsWith("web-" + hash + "-");
      assertThat(p.getMetadata().getLabels()).containsEntry("pod-template-hash", hash);
      assertThat(p.getStatus().getPhase()).isEqualTo("Running");
      assertThat(p.getSpec().getNodeName()).isEqualTo("node-1");
      assertThat(p.getStatus().getPodIP()).isNotBlank();
      assertThat(p.getStatus().getContainerStatuses().get(0).getReady()).isTrue();
      assertThat(p.getStatus().getContainerStatuses().get(0).getContainerID())
          .startsWith("containerd://");
    });
    assertThat(client.apps().deployments().inNamespace(ns).withName("web").get().getMetadata()
        .getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1");
  }

  @Test
  void givenMaxUnavailableZero_whenRollingUpdate_thenReadyPodsNeverDropBelowReplicas() {
    // given
    String ns = Workloads.namespace(client, "deploy-rolling");
    client.apps().deployments().inNamespace(ns)
        .resource(Workloads.rolling("web", 3, "nginx:1.27", 1, 0)).create();
    await().atMost(20, SECONDS).until(() -> available(ns, "web") == 3);
    Set<String> ready = ConcurrentHashMap.newKeySet();
    client.pods().inNamespace(ns).list().getItems().stream()
        .filter(DeploymentControllerTest::isReady).forEach(p -> ready.add(p.getMetadata().getName()));
    AtomicInteger fewest = new AtomicInteger(ready.size());
    AtomicInteger most = new AtomicInteger(0);
    Watch watch = client.pods().inNamespace(ns).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        String name = pod.getMetadata().getName();
        if (action != Action.DELETED && isReady(pod)) {
          ready.add(name);
        } else {
          ready.remove(name);
        }
        fewest.accumulateAndGet(ready.size(), Math::min);
        most.accumulateAndGet(ready.size(), Math::max);
      }

      @Override
      public void onClose(WatcherException cause) {}
    });

    // when
    client.apps().deployments().inNamespace(ns).withName("web")
        .patch(Workloads.strategic(), Workloads.imagePatch("main", "nginx:1.28"));

    // then
    try {
      await().atMost(30, SECONDS).untilAsserted(() -> {
        DeploymentStatus s = status(ns, "web");
        assertThat(s.getObservedGeneration()).isEqualTo(2L);
        assertThat(s.getUpdatedReplicas()).isEqualTo(3);
        assertThat(s.getReplicas()).isEqualTo(3);
        assertThat(s.getAvailableReplicas()).isEqualTo(3);
        assertThat(condition(s, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
      });
    } finally {
      watch.close();
    }
    assertThat(fewest.get()).as("fewest ready pods during the rollout").isGreaterThanOrEqualTo(3);
    assertThat(most.get()).as("most ready pods (maxSurge 1)").isLessThanOrEqualTo(4);
    assertThat(client.pods().inNamespace(ns).list().getItems())
        .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage())
            .isEqualTo("nginx:1.28"));
    List<ReplicaSet> sets = client.apps().replicaSets().inNamespace(ns).list().getItems();
    assertThat(sets).hasSize(2).anySatisfy(rs -> {
      assertThat(rs.getSpec().getReplicas()).isZero();
      assertThat(rs.getMetadata().getAnnotations())
          .containsEntry("deployment.kubernetes.io/revision", "1");
    });
  }

  @Test
  void givenRecreate_whenTemplateChanges_thenOldPodsGoBeforeNewOnesCome() {
    // given
    String ns = Workloads.namespace(client, "deploy-recreate");
    Deployment d = Workloads.deployment("web", 2, "nginx:1.27");
    d.getSpec().setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder()
        .withType("Recreate").build());
    client.apps().deployments().inNamespace(ns).resource(d).create();
    await().atMost(20, SECONDS).until(() -> available(ns, "web") == 2);

    // when
    client.apps().deployments().inNamespace(ns).withName("web")
        .patch(Workloads.strategic(), Workloads.imagePatch("main", "nginx:1.28"));

    // then
    await().atMost(20, SECONDS).untilAsserted(() -> {
      assertThat(status(ns, "web").getUpdatedReplicas()).isEqualTo(2);
      assertThat(available(ns, "web")).isEqualTo(2);
      assertThat(client.pods().inNamespace(ns).list().getItems()).hasSize(2);
    });
  }

  @Test
  void givenScaledDeployment_whenScaledDown_thenPodsFollow() {
    // given
    String ns = Workloads.namespace(client, "deploy-scale");
    client.apps().deployments().inNamespace(ns)
        .resource(Workloads.deployment("web", 1, "nginx:1.27")).create();
    await().atMost(20, SECONDS).until(() -> available(ns, "web") == 1);

    // when
    client.apps().deployments().inNamespace(ns).withName("web").scale(4);
    await().atMost(20, SECONDS).until(() -> available(ns, "web") == 4);
    client.apps().deployments().inNamespace(ns).withName("web").scale(2);

    // then
    await().atMost(20, SECONDS).untilAsserted(() -> {
      assertThat(client.pods().inNamespace(ns).list().getItems()).hasSize(2);
      assertThat(status(ns, "web").getReplicas()).isEqualTo(2);
    });
  }

  @Test
  void givenRevisionHistoryLimit_whenRolledOutRepeatedly_thenOldReplicaSetsArePruned() {
    // given
    String ns = Workloads.namespace(client, "deploy-history");
    Deployment d = Workloads.deployment("web", 1, "nginx:1");
    d.getSpec().setRevisionHistoryLimit(1);
    client.apps().deployments().inNamespace(ns).resource(d).create();
    await().atMost(20, SECONDS).until(() -> available(ns, "web") == 1);

    // when
    for (int version = 2; version <= 4; version++) {
      String image = "nginx:" + version;
      long generation = version;
      client.apps().deployments().inNamespace(ns).withName("web")
          .patch(Workloads.strategic(), Workloads.imagePatch("main", image));
      await().atMost(20, SECONDS).untilAsserted(() -> {
        DeploymentStatus s = status(ns, "web");
        assertThat(s.getObservedGeneration()).isEqualTo(generation);
        assertThat(condition(s, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
      });
    }

    // then the current ReplicaSet (revision 4) and one old one remain
    await().atMost(10, SECONDS).untilAsserted(() ->
        assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems())
            .extracting(rs -> rs.getMetadata().getAnnotations()
                .get("deployment.kubernetes.io/revision"))
            .containsExactlyInAnyOrder("3", "4"));
    assertThat(client.apps().deployments().inNamespace(ns).withName("web").get().getMetadata()
        .getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "4");
  }

  @Test
  void givenStuckPods_whenProgressDeadlinePasses_thenProgressDeadlineExceeded() {
    // given
    String ns = Workloads.namespace(client, "deploy-deadline");
    sandbox.controllers().failImages(Pattern.compile("^never-pulls"), Failure.IMAGE_PULL);
    Deployment d = Workloads.deployment("web", 1, "never-pulls:1");
    d.getSpec().setProgressDeadlineSeconds(2);

    // when
    client.apps().deployments().inNamespace(ns).resource(d).create();

    // then
    await().atMost(20, SECONDS).untilAsserted(() -> {
      DeploymentCondition progressing = condition(status(ns, "web"), "Progressing");
      assertThat(progressing.getStatus()).isEqualTo("False");
      assertThat(progressing.getReason()).isEqualTo("ProgressDeadlineExceeded");
    });
    assertThat(condition(status(ns, "web"), "Available").getStatus()).isEqualTo("False");
  }

  @Test
  void givenPausedDeployments_whenScaled_thenStatusStaysUntilResumed() {
    // given
    String ns = Workloads.namespace(client, "deploy-pause");
    client.apps().deployments().inNamespace(ns)
        .resource(Workloads.deployment("web", 1, "nginx:1.27")).create();
    await().atMost(20, SECONDS).until(() -> available(ns, "web") == 1);
    sandbox.controllers().pause("deployments", ns, "web");

    try {
      // when
      client.apps().deployments().inNamespace(ns).withName("web").scale(2);

      // then
      await().during(1500, MILLISECONDS).atMost(5, SECONDS).untilAsserted(() -> {
        assertThat(status(ns, "web").getObservedGeneration()).isEqualTo(1L);
        assertThat(client.pods().inNamespace(ns).list().getItems()).hasSize(1);
      });
    } finally {
      sandbox.controllers().resume("deployments", ns, "web");
    }
    await().atMost(20, SECONDS).untilAsserted(() -> {
      assertThat(status(ns, "web").getObservedGeneration()).isEqualTo(2L);
      assertThat(available(ns, "web")).isEqualTo(2);
    });
  }

  static boolean isReady(Pod p) {
    return p.getStatus() != null && p.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static int available(String ns, String name) {
    DeploymentStatus s = client.apps().deployments().inNamespace(ns).withName(name).get()
        .getStatus();
    return s == null || s.getAvailableReplicas() == null ? 0 : s.getAvailableReplicas();
  }

  /** The status, failing (so Awaitility retries) while the controller has written none. */
  private static DeploymentStatus status(String ns, String name) {
    DeploymentStatus s = client.apps().deployments().inNamespace(ns).withName(name).get()
        .getStatus();
    if (s == null || s.getObservedGeneration() == null) {
      throw new AssertionError("no status yet for " + ns + "/" + name);
    }
    return s;
  }

  private static DeploymentCondition condition(DeploymentStatus s, String type) {
    return s.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " condition in " + s));
  }
}
