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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code converge sandbox --token} and {@code --token-file} add users that RBAC restricts. */
@Timeout(60)
class SandboxTokensCommandTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final CommandLine cli = ConvergeCommand.commandLine();
  final ExecutorService background = Executors.newSingleThreadExecutor();

  SandboxTokensCommandTest() {
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
  }

  @AfterEach
  void shutdown() {
    background.shutdownNow();
  }

  @Test
  void givenTokensFromFlagAndFile_thenEachAuthenticatesAsItsUser(@TempDir Path dir)
      throws Exception {
    // given
    Path kubeconfig = dir.resolve("sandbox.kubeconfig");
    Path tokens = dir.resolve("tokens.csv");
    Files.writeString(tokens, "bob-token,bob,uid-bob,\"system:masters\"\n");
    SandboxCommand command = cli.getSubcommands().get("sandbox").getCommand();

    // when
    Future<Integer> exit = background.submit(() -> cli.execute("sandbox", "--kubeconfig",
        kubeconfig.toString(), "--token", "alice-token=alice:dev", "--token-file",
        tokens.toString()));
    await().atMost(30, SECONDS).until(() -> Files.exists(kubeconfig));

    // then
    Config config = Config.fromKubeconfig(kubeconfig.toFile());
    try (KubernetesClient alice = client(config, "alice-token");
        KubernetesClient bob = client(config, "bob-token")) {
      assertThat(bob.namespaces().list().getItems()).isNotEmpty();
      assertThatThrownBy(() -> alice.namespaces().list())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(
              e.getStatus().getMessage()).isEqualTo("namespaces is forbidden: User \"alice\" "
              + "cannot list resource \"namespaces\" in API group \"\" at the cluster scope"));
    } finally {
      command.stop();
    }
    assertThat(exit.get(30, SECONDS)).isZero();
  }

  @Test
  void givenMalformedToken_thenUsageError() {
    int code = cli.execute("sandbox", "--token", "no-user-here");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--token").contains("TOKEN=USER[:GROUP1,GROUP2]");
  }

  @Test
  void givenHelp_thenTokenSwitchesAreDocumented() {
    assertThat(cli.execute("sandbox", "--help")).isZero();
    assertThat(out.toString()).contains("--token=TOKEN=USER[:GROUP1,GROUP2]")
        .contains("--token-file=FILE").contains("system:masters");
  }

  private static KubernetesClient client(Config config, String token) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(config)
        .withOauthToken(token).withRequestRetryBackoffLimit(0).build()).build();
  }
}
