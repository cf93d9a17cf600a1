package dev.converge.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.it.Cli.Run;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each real-world manifest folder of shared/fixtures applies through the CLI with result success. */
@Timeout(180)
class FixturesTest {
  static Sandbox sandbox;
  static Path kubeconfig;
  static Path fixtures;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    fixtures = Cli.fixtures().orElse(null);
    Assumptions.assumeTrue(fixtures != null,
        "shared/fixtures is not beside this checkout (it is in CI and on developer machines)");
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(true));
    kubeconfig = dir.resolve("sandbox.kubeconfig");
    sandbox.writeKubeconfig(kubeconfig);
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"podinfo", "podinfo-webapp", "ingress-nginx", "gateway-api-cross-namespace"})
  void givenFixtureFolder_whenApplied_thenResultIsSuccess(String folder) {
    // given: objects without a namespace go to one of the fixture's own
    String namespace = "fixture-" + folder;
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(sandbox.clientConfig()).build()) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
          .build()).serverSideApply();
    }
    List<String> args = new ArrayList<>(List.of("apply", "-f", fixtures.resolve(folder).toString(),
        "-n", namespace, "--timeout", "60s", "-o", "json"));
    if (folder.startsWith("gateway-api")) {
      // Its HTTPRoutes wait for a gateway controller to write status, and the sandbox has none (as
      // a cluster without one): past the status grace they count as ready by existing.
      args.addAll(List.of("--status-grace", "2s"));
    }

    // when
    Run run = Cli.against(kubeconfig, args.toArray(String[]::new));

    // then
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.json().get("result").asText()).isEqualTo("success");
    assertThat(run.json().get("objects")).isNotEmpty()
        .allSatisfy(o -> assertThat(o.get("action").asText()).isEqualTo("created"))
        .allSatisfy(o -> assertThat(o.get("status").asText()).as(o.toString()).isEqualTo("CURRENT"));
  }
}
