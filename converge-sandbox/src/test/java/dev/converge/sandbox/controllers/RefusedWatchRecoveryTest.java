package dev.converge.sandbox.controllers;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.faults.FaultSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A refusal stops the listener every client shares, the simulated controllers' informers
 * included. They must be back within moments, as a real control plane would be for an operator's
 * network trouble: at fabric8's default reconnect interval four refused reconnects left them
 * blind for 31 s, and the operator fault matrix under refused connections timed out on that.
 */
@Timeout(60)
class RefusedWatchRecoveryTest {
  /** Reconnects refused in a row; at 50 ms doubling to 1.6 s they are over after about 5 s. */
  private static final int REFUSED_RECONNECTS = 4;

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
  void givenControllerWatchesBrokenAndReconnectsRefused_whenStatefulSetWaits_thenReadyWithin15s() {
    // given: a StatefulSet the controller has not started on yet
    String ns = Workloads.namespace(client, "refused-watch");
    sandbox.controllers().pause("statefulsets", ns, "db");
    client.apps().statefulSets().inNamespace(ns).resource(Workloads.statefulSet("db", 2, "db:1"))
        .create();
    // ... and every controller watch broken, the next reconnects refused again
    sandbox.faults().add(FaultSpec.parse("verb=watch,refuse=300ms,count=" + REFUSED_RECONNECTS
        + ",client=" + ControllerManager.USER_AGENT));
    sandbox.faults().refuseConnections(Duration.ofMillis(300)).toCompletionStage()
        .toCompletableFuture().join();

    // when
    sandbox.controllers().resume("statefulsets", ns, "db");

    // then: pods created and reported ready through watches that are back
    await().atMost(15, SECONDS).ignoreExceptions().untilAsserted(() -> assertThat(
        client.apps().statefulSets().inNamespace(ns).withName("db").get().getStatus()
            .getReadyReplicas()).isEqualTo(2));
    assertThat(sandbox.faults().rules()).singleElement()
        .satisfies(r -> assertThat(r.applied()).isEqualTo(REFUSED_RECONNECTS));
  }
}
