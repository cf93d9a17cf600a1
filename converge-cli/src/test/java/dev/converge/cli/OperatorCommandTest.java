package dev.converge.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.rollout.api.NodeDeployment;
import dev.converge.rollout.api.NodeTemplate;
import dev.converge.rollout.api.Phase;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code converge operator}: installs the CRD and runs the rollout controller. */
@Timeout(90)
class OperatorCommandTest {
  final ExecutorService background = Executors.newSingleThreadExecutor();
  final StringWriter out = new StringWriter();

  @AfterEach
  void shutdown() {
    background.shutdownNow();
  }

  @Test
  void givenHelp_whenPrinted_thenInstallCrdAndEmbeddedAreDocumented() {
    CommandLine cli = commandLine();

    int code = cli.execute("operator", "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("--install-crd").contains("embedded")
        .contains("--leader-election-namespace");
  }

  @Test
  void givenEmbeddedCluster_whenNodeDeploymentCreated_thenItBecomesReady(@TempDir Path dir)
      throws Exception {
    // given
    Path kubeconfig = dir.resolve("operator.kubeconfig");
    CommandLine cli = commandLine();
    OperatorCommand command = cli.getSubcommands().get("operator").getCommand();
    Future<Integer> exit = background.submit(() -> cli.execute("operator", "--cluster",
        "embedded", "--install-crd", "--kubeconfig", kubeconfig.toString()));
    await().atMost(60, SECONDS).until(() -> out.toString().contains("Rollout operator running"));
    assertThat(out.toString()).contains("Installed CRD nodedeployments.converge.dev");
    Config config = new ConfigBuilder(Config.fromKubeconfig(kubeconfig.toFile()))
        .withRequestRetryBackoffLimit(0).build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      // when
      NodeDeployment nd = NodeDeployment.of("cli", 2, NodeTemplate.ofImage("node:v1"));
      nd.getMetadata().setNamespace("default");
      client.resource(nd).create();

      // then
      await().atMost(40, SECONDS).untilAsserted(() -> {
        NodeDeployment live = client.resources(NodeDeployment.class).inNamespace("default")
            .withName("cli").get();
        assertThat(live.getStatus()).isNotNull();
        assertThat(live.getStatus().phase()).isEqualTo(Phase.Ready);
        assertThat(live.getStatus().readyReplicas()).isEqualTo(2);
      });
    }
    command.stop();
    assertThat(exit.get(30, SECONDS)).isZero();
    assertThat(out.toString()).contains("Stopping the rollout operator.");
  }

  private CommandLine commandLine() {
    CommandLine cli = ConvergeCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    return cli;
  }
}
