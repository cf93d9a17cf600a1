package dev.converge.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code converge sandbox --data-dir DIR}: a restarted sandbox keeps objects, CA and token. */
@Timeout(60)
class SandboxDataDirTest {
  final ExecutorService background = Executors.newSingleThreadExecutor();
  final StringWriter out = new StringWriter();

  @AfterEach
  void shutdown() {
    background.shutdownNow();
  }

  @Test
  void givenHelp_whenPrinted_thenDataDirIsDocumented() {
    CommandLine cli = commandLine();

    int code = cli.execute("sandbox", "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("--data-dir=DIR").contains("DIR/admin-token")
        .contains("synced");
  }

  @Test
  void givenDataDir_whenRestartedOnTheSamePort_thenTheSameClientSeesItsObjects(
      @TempDir Path dir) throws Exception {
    Path kubeconfig = dir.resolve("sandbox.kubeconfig");
    Path data = dir.resolve("data");
    // given a sandbox with a data directory and an object written through its kubeconfig
    Run first = run("--port", "0", "--kubeconfig", kubeconfig.toString(),
        "--data-dir", data.toString());
    await().atMost(30, SECONDS).until(() -> Files.exists(kubeconfig));
    Config config = new ConfigBuilder(Config.fromKubeconfig(kubeconfig.toFile()))
        .withRequestRetryBackoffLimit(0).build();
    int port = URI.create(config.getMasterUrl()).getPort();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
          .withNewMetadata().withName("kept").endMetadata().addToData("k", "v").build())
          .create();
      first.stop();
      Files.delete(kubeconfig);

      // when it runs again with the same directory and port
      Run second = run("--port", Integer.toString(port), "--kubeconfig", kubeconfig.toString(),
          "--data-dir", data.toString());
      await().atMost(30, SECONDS).until(() -> Files.exists(kubeconfig));

      // then the client configured before the restart (same CA, token, address) reads it
      assertThat(client.configMaps().inNamespace("default").withName("kept").get().getData())
          .containsEntry("k", "v");
      assertThat(out.toString()).contains("Keeping state in " + data.toAbsolutePath());
      second.stop();
    }
    assertThat(data.resolve("pki/ca.crt")).exists();
    assertThat(data.resolve("admin-token")).exists();
  }

  private CommandLine commandLine() {
    CommandLine cli = ConvergeCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    return cli;
  }

  /** Runs {@code converge sandbox ARGS} in the background; each run needs its own command. */
  private Run run(String... args) {
    CommandLine cli = commandLine();
    SandboxCommand command = cli.getSubcommands().get("sandbox").getCommand();
    String[] all = new String[args.length + 1];
    all[0] = "sandbox";
    System.arraycopy(args, 0, all, 1, args.length);
    return new Run(command, background.submit(() -> cli.execute(all)));
  }

  private record Run(SandboxCommand command, Future<Integer> exit) {
    void stop() throws Exception {
      command.stop();
      assertThat(exit.get(30, SECONDS)).isZero();
    }
  }
}
