package dev.converge.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(60)
class ConvergeCommandTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final CommandLine cli = ConvergeCommand.commandLine();
  final ExecutorService background = Executors.newSingleThreadExecutor();

  ConvergeCommandTest() {
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
  }

  @AfterEach
  void shutdown() {
    background.shutdownNow();
  }

  @Nested
  class Sandbox {
    @Test
    void givenFreePort_whenRunning_thenFabric8ConnectsThroughTheWrittenKubeconfigUntilStopped(
        @TempDir Path dir) throws Exception {
      // given
      Path kubeconfig = dir.resolve("kube/sandbox.kubeconfig");
      SandboxCommand command = cli.getSubcommands().get("sandbox").getCommand();

      // when
      Future<Integer> exit = background.submit(() ->
          cli.execute("sandbox", "--port", "0", "--kubeconfig", kubeconfig.toString()));
      await().atMost(30, SECONDS).until(() -> Files.exists(kubeconfig));

      // then
      Config config = new ConfigBuilder(Config.fromKubeconfig(kubeconfig.toFile()))
          .withRequestRetryBackoffLimit(0).build();
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        assertThat(config.getMasterUrl()).startsWith("https://127.0.0.1:");
        assertThat(client.namespaces().withName("default").get()).isNotNull();
        await().atMost(10, SECONDS).untilAsserted(() -> assertThat(out.toString())
            .contains("export KUBECONFIG=" + kubeconfig.toAbsolutePath())
            .contains("listening on https://127.0.0.1:"));

        command.stop();
        assertThat(exit.get(30, SECONDS)).isZero();
        assertThatThrownBy(() -> client.namespaces().withName("default").get())
            .isInstanceOf(KubernetesClientException.class);
      }
      assertThat(dir.resolve("kube/pki/ca.crt")).exists();
    }

    @Test
    void givenPlainHttp_whenInterrupted_thenItStopsCleanly(@TempDir Path dir) throws Exception {
      Path kubeconfig = dir.resolve("sandbox.kubeconfig");

      Future<Integer> exit = background.submit(() ->
          cli.execute("sandbox", "--http", "--kubeconfig", kubeconfig.toString()));
      await().atMost(30, SECONDS).until(() -> Files.exists(kubeconfig));
      assertThat(Files.readString(kubeconfig)).contains("server: http://127.0.0.1:")
          .doesNotContain("certificate-authority");
      exit.cancel(true);

      await().atMost(30, SECONDS).untilAsserted(() ->
          assertThat(out.toString()).contains("Stopping the sandbox."));
    }

    @Test
    void givenHelp_thenEverySwitchIsDocumented() {
      int code = cli.execute("sandbox", "--help");

      assertThat(code).isZero();
      assertThat(out.toString()).contains("--port", "--host", "--kubeconfig", "--cert-dir",
          "--http", "converge/sandbox.kubeconfig", "Default: 0");
    }
  }

  @Test
  void givenVersion_thenPrintsProjectVersion() {
    int code = cli.execute("version");

    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("converge 0.").doesNotContain("${");
  }

  @Test
  void givenGenerateCompletion_thenPrintsBashCompletionForEverySubcommand() {
    int code = cli.execute("generate-completion");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("complete -F").contains("sandbox").contains("--kubeconfig");
  }

  @Test
  void givenNoSubcommand_thenUsageErrorExitCode() {
    int code = cli.execute();

    assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("Missing subcommand");
  }
}
