package dev.converge.sandbox.controllers;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulated scheduler and kubelet: phases, readiness, failures on request, events. */
@Timeout(60)
class PodLifecycleTest {
  static Sandbox sandbox;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllerOptions(
        ControllerOptions.defaults().withNodes(2).withFailureBackoff(Duration.ofMillis(400))));
    client = SandboxFixture.client(sandbox);
    sandbox.controllers().failImages(Pattern.compile("^registry.invalid/"), Failure.IMAGE_PULL);
    sandbox.controllers().failImages(Pattern.compile("crasher"), Failure.CRASH_LOOP);
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @Test
  void givenPod_whenCreated_thenScheduledThenRunningAndReady() {
    // given
    String ns = Workloads.namespace(client, "pod-run");

    // when
    client.pods().inNamespace(ns).resource(pod("web", "nginx:1.27", "Always")).create();

    // then
    await().atMost(10, SECONDS).ignoreExceptions().untilAsserted(() -> {
      Pod p = client.pods().inNamespace(ns).withName("web").get();
      assertThat(p.getSpec().getNodeName()).isIn("node-1", "node-2");
      assertThat(p.getStatus().getPhase()).isEqualTo("Running");
      assertThat(p.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
          .contains("PodScheduled=True", "Initialized=True", "ContainersReady=True",
              "Ready=True");
      assertThat(p.getStatus().getHostIP()).startsWith("172.18.0.");
      assertThat(p.getStatus().getPodIP()).startsWith("10.244.");
      ContainerStatus c = p.getStatus().getContainerStatuses().get(0);
      assertThat(c.getReady()).isTrue();
      assertThat(c.getStarted()).isTrue();
      assertThat(c.getImage()).isEqualTo("nginx:1.27");
      assertThat(c.getImageID()).startsWith("docker.io/library/nginx@sha256:");
      assertThat(c.getState().getRunning().getStartedAt()).isNotBlank();
    });
    assertThat(client.nodes().list().getItems()).extracting(n -> n.getMetadata().getName())
        .containsExactlyInAnyOrder("node-1", "node-2");
  }

  @Test
  void givenUnpullableImage_whenPodStarts_thenImagePullBackOffAndWarningEvents() {
    // given
    String ns = Workloads.namespace(client, "pod-pull");

    // when
    client.pods().inNamespace(ns).resource(pod("web", "registry.invalid/app:1", "Always"))
        .create();

    // then
    await().atMost(10, SECONDS).ignoreExceptions().untilAsserted(() -> {
      Pod p = client.pods().inNamespace(ns).withName("web").get();
      assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
      ContainerStatus c = p.getStatus().getContainerStatuses().get(0);
      assertThat(c.getState().getWaiting().getReason()).isEqualTo("ImagePullBackOff");
      assertThat(c.getState().getWaiting().getMessage())
          .isEqualTo("Back-off pulling image \"registry.invalid/app:1\"");
    });
    Pod p = client.pods().inNamespace(ns).withName("web").get();
    await().atMost(10, SECONDS).ignoreExceptions().untilAsserted(() -> {
      List<Event> events = client.v1().events().inNamespace(ns).list().getItems();
      assertThat(events).anySatisfy(e -> {
        assertThat(e.getType()).isEqualTo("Warning");
        assertThat(e.getReason()).isEqualTo("Failed");
        assertThat(e.getMessage()).startsWith("Failed to pull image \"registry.invalid/app:1\"");
        assertThat(e.getInvolvedObject().getUid()).isEqualTo(p.getMetadata().getUid());
        assertThat(e.getInvolvedObject().getKind()).isEqualTo("Pod");
        assertThat(e.getSource().getComponent()).isEqualTo("kubelet");
        assertThat(e.getFirstTimestamp()).isNotBlank();
        assertThat(e.getCount()).isGreaterThanOrEqualTo(2);
      });
      assertThat(events).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("BackOff"));
    });
  }

  @Test
  void givenCrashingImage_whenPodRuns_thenCrashLoopBackOffWithGrowingRestarts() {
    // given
    String ns = Workloads.namespace(client, "pod-crash");

    // when
    client.pods().inNamespace(ns).resource(pod("web", "crasher:1", "Always")).create();

    // then
    await().atMost(15, SECONDS).ignoreExceptions().untilAsserted(() -> {
      Pod p = client.pods().inNamespace(ns).withName("web").get();
      assertThat(p.getStatus().getPhase()).isEqualTo("Running");
      ContainerStatus c = p.getStatus().getContainerStatuses().get(0);
      assertThat(c.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
      assertThat(c.getRestartCount()).isGreaterThanOrEqualTo(2);
      assertThat(c.getLastState().getTerminated().getExitCode()).isEqualTo(1);
      assertThat(c.getReady()).isFalse();
    });
    assertThat(client.v1().events().inNamespace(ns).list().getItems()).anySatisfy(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getReason()).isEqualTo("BackOff");
      assertThat(e.getMessage()).startsWith("Back-off restarting failed container main");
    });
  }

  @Test
  void givenRunToCompletionPods_whenRunTimePasses_thenSucceededOrFailed() {
    // given
    String ns = Workloads.namespace(client, "pod-complete");

    // when
    client.pods().inNamespace(ns).resource(pod("ok", "busybox:1", "Never")).create();
    client.pods().inNamespace(ns).resource(pod("bad", "crasher:1", "Never")).create();

    // then
    await().atMost(10, SECONDS).ignoreExceptions().untilAsserted(() -> {
      Pod ok = client.pods().inNamespace(ns).withName("ok").get();
      assertThat(ok.getStatus().getPhase()).isEqualTo("Succeeded");
      assertThat(ok.getStatus().getContainerStatuses().get(0).getState().getTerminated()
          .getExitCode()).isZero();
      Pod bad = client.pods().inNamespace(ns).withName("bad").get();
      assertThat(bad.getStatus().getPhase()).isEqualTo("Failed");
      assertThat(bad.getStatus().getContainerStatuses().get(0).getState().getTerminated()
          .getExitCode()).isEqualTo(1);
    });
  }

  @Test
  void givenPodsPaused_whenPodCreated_thenItStaysPendingUntilResumed() {
    // given
    String ns = Workloads.namespace(client, "pod-pause");
    sandbox.controllers().pause("pods");
    try {
      // when
      client.pods().inNamespace(ns).resource(pod("web", "nginx:1.27", "Always")).create();

      // then
      await().during(1, SECONDS).atMost(5, SECONDS).untilAsserted(() -> {
        Pod p = client.pods().inNamespace(ns).withName("web").get();
        assertThat(p.getSpec().getNodeName()).isNull();
        assertThat(p.getStatus() == null ? List.of() : p.getStatus().getContainerStatuses())
            .isEmpty();
      });
    } finally {
      sandbox.controllers().resume("pods");
    }
    await().atMost(10, SECONDS).pollInterval(100, MILLISECONDS).ignoreExceptions().untilAsserted(() ->
        assertThat(client.pods().inNamespace(ns).withName("web").get().getStatus().getPhase())
            .isEqualTo("Running"));
  }

  @Test
  void givenPodsSlowed_whenPodCreated_thenItStartsOnlyAfterTheExtraDelay() {
    // given
    String ns = Workloads.namespace(client, "pod-slow");
    sandbox.controllers().slow("pods", Duration.ofSeconds(2));
    try {
      // when
      client.pods().inNamespace(ns).resource(pod("web", "nginx:1.27", "Always")).create();

      // then
      await().during(1, SECONDS).atMost(5, SECONDS).untilAsserted(() ->
          assertThat(client.pods().inNamespace(ns).withName("web").get().getSpec()
              .getNodeName()).isNull());
    } finally {
      sandbox.controllers().slow("pods", Duration.ZERO);
    }
    await().atMost(10, SECONDS).ignoreExceptions().untilAsserted(() ->
        assertThat(client.pods().inNamespace(ns).withName("web").get().getStatus().getPhase())
            .isEqualTo("Running"));
  }

  @Test
  void givenUnknownKind_whenPaused_thenRejectedWithTheKnownKinds() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> sandbox.controllers().pause("widgets"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statefulsets");
    assertThat(sandbox.controllers().kinds()).contains("deployments", "replicasets",
        "statefulsets", "daemonsets", "jobs", "cronjobs", "pods", "services",
        "persistentvolumeclaims");
  }

  static Pod pod(String name, String image, String restartPolicy) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withRestartPolicy(restartPolicy).addNewContainer().withName("main").withImage(image)
        .endContainer().endSpec().build();
  }
}
