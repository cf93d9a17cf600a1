package dev.converge.sandbox.controllers;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The progress deadline is measured on the sandbox's clock, so a test can move time on. */
@Timeout(30)
class ProgressDeadlineTest {
  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  static final ManualClock CLOCK = new ManualClock();
  static Sandbox sandbox;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withClock(CLOCK));
    client = SandboxFixture.client(sandbox);
    sandbox.controllers().failImages(Pattern.compile("^unpullable"), Failure.IMAGE_PULL);
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @Test
  void givenStuckRollout_whenClockPassesTheDeadline_thenProgressDeadlineExceeded() {
    // given a ten-minute deadline and a pod that never pulls its image
    String ns = Workloads.namespace(client, "deadline-clock");
    Deployment d = Workloads.deployment("web", 1, "unpullable:1");
    d.getSpec().setProgressDeadlineSeconds(600);
    client.apps().deployments().inNamespace(ns).resource(d).create();
    await().atMost(10, SECONDS).ignoreExceptions().untilAsserted(() ->
        assertThat(progressing(ns).getStatus()).isEqualTo("True"));

    // then nothing times out while the clock stands still
    await().during(1, SECONDS).atMost(5, SECONDS).ignoreExceptions().untilAsserted(() ->
        assertThat(progressing(ns).getStatus()).isEqualTo("True"));

    // when ten minutes pass
    CLOCK.advance(Duration.ofSeconds(601));

    // then
    await().atMost(10, SECONDS).ignoreExceptions().untilAsserted(() -> {
      assertThat(progressing(ns).getStatus()).isEqualTo("False");
      assertThat(progressing(ns).getReason()).isEqualTo("ProgressDeadlineExceeded");
      assertThat(progressing(ns).getMessage()).endsWith("has timed out progressing.");
    });
  }

  private static DeploymentCondition progressing(String ns) {
    return client.apps().deployments().inNamespace(ns).withName("web").get().getStatus()
        .getConditions().stream().filter(c -> "Progressing".equals(c.getType())).findFirst()
        .orElseThrow();
  }
}
