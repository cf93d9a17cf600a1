package dev.converge.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.cli.it.Cli.Run;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import dev.converge.sandbox.access.ClusterAccess;
import dev.converge.sandbox.access.Kubeconfig;
import dev.converge.sandbox.controllers.Failure;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every exit code of issue 7, each produced by the situation it names, over a real socket. */
@Timeout(120)
class ExitCodesTest {
  static Sandbox sandbox;
  static Path kubeconfig;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(true));
    kubeconfig = dir.resolve("sandbox.kubeconfig");
    sandbox.writeKubeconfig(kubeconfig);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static Path manifests(String name, String yaml) {
    return Cli.write(dir, name + "/set.yaml", yaml);
  }

  @Test
  void givenObjectsThatBecomeReady_whenApplied_thenExit0() {
    Path set = manifests("ok", Cli.namespace("exit-ok") + "---\n" + Cli.configMap("exit-ok", "settings"));

    Run run = Cli.against(kubeconfig, "apply", "-f", set.toString());

    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Converged 2 objects", "created    ConfigMap exit-ok/settings");
  }

  @Test
  void givenDryRunServer_whenApplied_thenExit0AndNothingIsStored() {
    Path set = manifests("dry", Cli.configMap("default", "dry-run-only"));

    Run run = Cli.against(kubeconfig, "apply", "-f", set.toString(), "--dry-run=server", "-o", "json");

    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.json().get("objects").get(0).get("action").asText()).isEqualTo("created");
    try (var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
        .withConfig(sandbox.clientConfig()).build()) {
      assertThat(client.configMaps().inNamespace("default").withName("dry-run-only").get()).isNull();
    }
  }

  @Test
  void givenJobWhosePodCrashes_whenApplied_thenExit1AndTheJobIsFailedWithItsReason() {
    // given: the simulated kubelet crashes this image; the Job allows no retry
    sandbox.controllers().failImages(Pattern.compile("^example/crasher"), Failure.CRASH_LOOP);
    Path set = manifests("failed", Cli.namespace("exit-failed") + """
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate, namespace: exit-failed}
        spec:
          backoffLimit: 0
          template:
            spec:
              restartPolicy: Never
              containers: [{name: m, image: example/crasher:1}]
        """);

    // when
    Run run = Cli.against(kubeconfig, "apply", "-f", set.toString(), "--timeout", "60s", "-o", "json");

    // then
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    JsonNode json = run.json();
    assertThat(json.get("result").asText()).isEqualTo("failed");
    JsonNode job = json.get("objects").get(1);
    assertThat(job.get("kind").asText()).isEqualTo("Job");
    assertThat(job.get("status").asText()).isEqualTo("FAILED");
    assertThat(job.get("reason").asText()).isNotEmpty();
  }

  @Test
  void givenPausedDeploymentController_whenAppliedWithShortTimeout_thenExit3NamingTheObjectAndWhy() {
    // given: no controller ever makes the Deployment available
    sandbox.controllerControls().pause("deployments", "exit-timeout", "web");
    Path set = manifests("timeout", Cli.namespace("exit-timeout") + """
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: exit-timeout}
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: ghcr.io/example/web:1}]
        """);

    // when
    Run run = Cli.against(kubeconfig, "apply", "-f", set.toString(), "--timeout", "2s");

    // then
    assertThat(run.code()).as(run.toString()).isEqualTo(3);
    assertThat(run.out()).contains("TIMED OUT", "Deployment exit-timeout/web (" + set + "#1 (line 5)): ");
  }

  @Nested
  class InvalidInput {
    @Test
    void givenPruneWithoutApplySet_thenUsageExit2() {
      Path set = manifests("usage", Cli.configMap("default", "x"));

      Run run = Cli.against(kubeconfig, "apply", "-f", set.toString(), "--prune");

      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err()).contains("--prune needs --applyset");
    }

    @Test
    void givenUnknownClusterKind_thenUsageExit2() {
      Run run = Cli.run("apply", "-f", "x.yaml", "--cluster", "kind");

      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err()).contains("expected: embedded");
    }

    @Test
    void givenMissingFile_thenExit2NamingIt() {
      Run run = Cli.against(kubeconfig, "apply", "-f", dir.resolve("nowhere.yaml").toString());

      assertThat(run.code()).as(run.toString()).isEqualTo(2);
      assertThat(run.err()).contains("nowhere.yaml");
    }
  }

  @Nested
  class ClusterUnavailable {
    @Test
    void givenNothingListening_thenExit4AtOnce() throws IOException {
      // given: a port that was free a moment ago
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Path config = dir.resolve("closed.kubeconfig");
      Kubeconfig.write(new ClusterAccess("http://127.0.0.1:" + port, null, "t", "u", "default"), config);
      Path set = manifests("closed", Cli.configMap("default", "x"));

      // when
      long started = System.nanoTime();
      Run run = Cli.against(config, "apply", "-f", set.toString());

      // then: no retries against a refused connection
      assertThat(run.code()).as(run.toString()).isEqualTo(4);
      assertThat(run.err()).contains("unreachable", "127.0.0.1:" + port);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void givenWrongToken_thenExit4SayingUnauthorized() {
      Path config = dir.resolve("wrong-token.kubeconfig");
      Kubeconfig.write(new ClusterAccess(sandbox.url(), sandbox.caCertPem(), "not-a-token", "u", "default"),
          config);
      Path set = manifests("unauthorized", Cli.configMap("default", "x"));

      Run run = Cli.against(config, "status", "-f", set.toString());

      assertThat(run.code()).as(run.toString()).isEqualTo(4);
      assertThat(run.err()).contains("401");
    }
  }
}
