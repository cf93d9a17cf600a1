package dev.converge.sandbox.controllers;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** DaemonSets on three fake nodes; Jobs that complete or exceed their backoff limit. */
@Timeout(60)
class DaemonSetAndJobControllerTest {
  static Sandbox sandbox;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllerOptions(
        ControllerOptions.defaults().withNodes(3).withPodRunTime(Duration.ofMillis(300))));
    client = SandboxFixture.client(sandbox);
    sandbox.controllers().failImages(Pattern.compile("^failing-job"), Failure.CRASH_LOOP);
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @Test
  void givenDaemonSet_whenCreated_thenOnePodPerNodeAndStatus() {
    // given
    String ns = Workloads.namespace(client, "ds-create");
    DaemonSet ds = new DaemonSetBuilder().withNewMetadata().withName("agent").endMetadata()
        .withNewSpec().withNewSelector().withMatchLabels(Map.of("app", "agent")).endSelector()
        .withTemplate(Workloads.template("agent", "fluentbit:3")).endSpec().build();

    // when
    client.apps().daemonSets().inNamespace(ns).resource(ds).create();

    // then
    await().atMost(20, SECONDS).ignoreExceptions().untilAsserted(() -> {
      DaemonSetStatus s = dsStatus(ns);
      assertThat(s.getDesiredNumberScheduled()).isEqualTo(3);
      assertThat(s.getCurrentNumberScheduled()).isEqualTo(3);
      assertThat(s.getNumberReady()).isEqualTo(3);
      assertThat(s.getNumberAvailable()).isEqualTo(3);
      assertThat(s.getUpdatedNumberScheduled()).isEqualTo(3);
      assertThat(s.getObservedGeneration()).isEqualTo(1L);
    });
    assertThat(client.pods().inNamespace(ns).list().getItems())
        .extracting(p -> p.getSpec().getNodeName())
        .containsExactlyInAnyOrder("node-1", "node-2", "node-3");

    // and when its template changes, every node's pod is replaced
    client.apps().daemonSets().inNamespace(ns).withName("agent")
        .patch(Workloads.strategic(), Workloads.imagePatch("main", "fluentbit:4"));
    await().atMost(20, SECONDS).ignoreExceptions().untilAsserted(() -> {
      assertThat(dsStatus(ns).getObservedGeneration()).isEqualTo(2L);
      assertThat(dsStatus(ns).getUpdatedNumberScheduled()).isEqualTo(3);
      assertThat(dsStatus(ns).getNumberAvailable()).isEqualTo(3);
      assertThat(client.pods().inNamespace(ns).list().getItems()).hasSize(3)
          .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage())
              .isEqualTo("fluentbit:4"));
    });
  }

  @Test
  void givenJob_whenPodsSucceed_thenComplete() {
    // given
    String ns = Workloads.namespace(client, "job-complete");

    // when
    client.batch().v1().jobs().inNamespace(ns).resource(job("work", "busybox:1", 3, 2, 1))
        .create();

    // then
    await().atMost(20, SECONDS).ignoreExceptions().untilAsserted(() -> {
      JobStatus s = jobStatus(ns, "work");
      assertThat(s.getSucceeded()).isEqualTo(3);
      assertThat(s.getActive()).isZero();
      assertThat(s.getStartTime()).isNotBlank();
      assertThat(s.getCompletionTime()).isNotBlank();
      assertThat(s.getConditions()).anySatisfy(c -> {
        assertThat(c.getType()).isEqualTo("Complete");
        assertThat(c.getStatus()).isEqualTo("True");
      });
    });
    assertThat(client.pods().inNamespace(ns).list().getItems()).hasSize(3)
        .allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded"));
  }

  @Test
  void givenFailingJob_whenPodsFailPastBackoffLimit_thenFailedWithBackoffLimitExceeded() {
    // given
    String ns = Workloads.namespace(client, "job-fail");

    // when
    client.batch().v1().jobs().inNamespace(ns)
        .resource(job("work", "failing-job:1", 1, 1, 1)).create();

    // then: backoffLimit 1 allows one retry, the second failure fails the Job
    await().atMost(20, SECONDS).ignoreExceptions().untilAsserted(() -> {
      JobStatus s = jobStatus(ns, "work");
      assertThat(s.getFailed()).isEqualTo(2);
      assertThat(s.getSucceeded()).isZero();
      assertThat(s.getConditions()).anySatisfy(c -> {
        assertThat(c.getType()).isEqualTo("Failed");
        assertThat(c.getReason()).isEqualTo("BackoffLimitExceeded");
      });
    });
    assertThat(client.pods().inNamespace(ns).list().getItems()).hasSize(2)
        .extracting(Pod::getStatus).allSatisfy(s -> assertThat(s.getPhase()).isEqualTo("Failed"));
  }

  @Test
  void givenCronJob_whenScheduleComesRound_thenNoJobIsCreated() {
    // given
    String ns = Workloads.namespace(client, "cronjob-idle");

    // when
    client.batch().v1().cronjobs().inNamespace(ns).resource(new CronJobBuilder()
        .withNewMetadata().withName("every-minute").endMetadata().withNewSpec()
        .withSchedule("* * * * *").withNewJobTemplate()
        .withSpec(job("x", "busybox:1", 1, 1, 0).getSpec()).endJobTemplate().endSpec().build())
        .create();

    // then
    await().during(1, SECONDS).atMost(5, SECONDS).untilAsserted(() ->
        assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).isEmpty());
  }

  private static Job job(String name, String image, int completions, int parallelism,
      int backoffLimit) {
    return new JobBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withCompletions(completions).withParallelism(parallelism).withBackoffLimit(backoffLimit)
        .withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer()
        .withName("main").withImage(image).endContainer().endSpec().endTemplate().endSpec()
        .build();
  }

  private static DaemonSetStatus dsStatus(String ns) {
    return client.apps().daemonSets().inNamespace(ns).withName("agent").get().getStatus();
  }

  private static JobStatus jobStatus(String ns, String name) {
    return client.batch().v1().jobs().inNamespace(ns).withName(name).get().getStatus();
  }
}
