package dev.converge.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.it.Cli.Run;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A malformed or invalid manifest set ends with exit 2, names file, document index, object and
 * field, and writes nothing: the sandbox (controllers off, so every write would be ours) counts zero
 * write requests.
 */
@Timeout(60)
class InvalidManifestTest {
  static Sandbox sandbox;
  static Path kubeconfig;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(false));
    kubeconfig = dir.resolve("sandbox.kubeconfig");
    sandbox.writeKubeconfig(kubeconfig);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void resetCounts() {
    sandbox.requests().reset();
  }

  @Test
  void givenUnparsableSecondDocument_whenApplied_thenExit2WithFileAndDocumentIndexAndNoWrite() {
    // given: document 0 is fine, document 1 is not YAML
    Path file = Cli.write(dir, "broken/app.yaml", Cli.configMap("default", "fine") + """
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: broken
         namespace: default
        """);

    // when
    Run run = Cli.against(kubeconfig, "apply", "-f", file.toString(), "-o", "json");

    // then
    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains(file + "#1").doesNotContain("\tat ");
    assertThat(run.json().get("result").asText()).isEqualTo("invalid");
    assertThat(Cli.writes(sandbox)).isZero();
  }

  @Test
  void givenObjectWithoutName_whenApplied_thenExit2NamingObjectAndFieldAndNoWrite() {
    // given
    Path file = Cli.write(dir, "invalid/app.yaml", Cli.configMap("default", "fine") + """
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {namespace: default}
        spec: {}
        """);

    // when
    Run run = Cli.against(kubeconfig, "apply", "-f", file.toString());

    // then
    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains(file + "#1", "Deployment", "metadata.name");
    assertThat(Cli.writes(sandbox)).isZero();
  }

  @Test
  void givenUnknownKind_whenDestroyed_thenExit2AndNoDelete() {
    Path file = Cli.write(dir, "unknown/app.yaml", """
        apiVersion: example.com/v1
        kind: Gadget
        metadata: {name: g, namespace: default}
        """);

    Run run = Cli.against(kubeconfig, "destroy", "-f", file.toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains(file + "#0", "Gadget");
    assertThat(Cli.writes(sandbox)).isZero();
  }
}
