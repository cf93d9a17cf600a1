package dev.converge.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.it.Cli.Run;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --cluster embedded} uses the sandbox a running {@code converge sandbox} advertises, else starts one. */
@Timeout(120)
class ClusterSelectionTest {
  @TempDir
  Path dir;

  @Test
  void givenNoAdvertisedSandbox_whenAppliedEmbedded_thenAnInProcessSandboxConverges() {
    Path set = Cli.write(dir, "set/app.yaml", Cli.namespace("embedded") + "---\n" + Cli.configMap("embedded", "c"));

    Run run = Cli.run("apply", "-f", set.toString(), "--cluster", "embedded",
        "--sandbox-kubeconfig", dir.resolve("none.kubeconfig").toString());

    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.err()).contains("Started an in-process sandbox");
    assertThat(run.out()).contains("Converged 2 objects");
  }

  @Test
  void givenRunningSandboxAdvertised_whenAppliedEmbedded_thenItIsUsed() {
    try (Sandbox running = Sandbox.start(SandboxOptions.defaults().withControllers(true));
        KubernetesClient client = new KubernetesClientBuilder().withConfig(running.clientConfig()).build()) {
      // given: the kubeconfig 'converge sandbox' writes
      Path advertised = dir.resolve(".converge/sandbox.kubeconfig");
      running.writeKubeconfig(advertised);
      Path set = Cli.write(dir, "set/app.yaml", Cli.configMap("default", "advertised"));

      // when
      Run run = Cli.run("apply", "-f", set.toString(), "--cluster", "embedded",
          "--sandbox-kubeconfig", advertised.toString());

      // then
      assertThat(run.code()).as(run.toString()).isZero();
      assertThat(run.err()).contains("Using the running sandbox at " + running.url());
      assertThat(client.configMaps().inNamespace("default").withName("advertised").get()).isNotNull();
    }
  }

  @Test
  void givenAdvertisedSandboxStopped_whenAppliedEmbedded_thenItsStaleKubeconfigIsIgnored() {
    // given: a kubeconfig left behind by a sandbox that is gone
    Path advertised = dir.resolve(".converge/sandbox.kubeconfig");
    try (Sandbox gone = Sandbox.start(SandboxOptions.defaults().withControllers(false))) {
      gone.writeKubeconfig(advertised);
    }
    Path set = Cli.write(dir, "set/app.yaml", Cli.configMap("default", "stale"));

    // when
    Run run = Cli.run("status", "-f", set.toString(), "--cluster", "embedded",
        "--sandbox-kubeconfig", advertised.toString());

    // then: a fresh in-process sandbox answered (the object is simply not there)
    assertThat(run.err()).contains("Started an in-process sandbox");
    assertThat(run.code()).as(run.toString()).isEqualTo(3);
    assertThat(run.out()).contains("NOT_FOUND");
  }

  @Test
  void givenKubeconfigContext_whenNamedOrMissing_thenUsedOrUsageExit2NamingIt() {
    try (Sandbox cluster = Sandbox.start(SandboxOptions.defaults().withControllers(false))) {
      // given
      Path kubeconfig = dir.resolve("kube/config");
      cluster.writeKubeconfig(kubeconfig);
      Path set = Cli.write(dir, "set/app.yaml", Cli.configMap("default", "ctx"));

      // when
      Run named = Cli.run("apply", "-f", set.toString(), "--kubeconfig", kubeconfig.toString(),
          "--context", "converge-sandbox", "--no-wait");
      Run missing = Cli.run("status", "-f", set.toString(), "--kubeconfig", kubeconfig.toString(),
          "--context", "no-such-context");

      // then
      assertThat(named.code()).as(named.toString()).isZero();
      assertThat(missing.code()).as(missing.toString()).isEqualTo(2);
      assertThat(missing.err()).contains("no-such-context");
    }
  }
}
