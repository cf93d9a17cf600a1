package dev.converge.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.it.Cli.Run;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

  /** Issue 10: discovery says the kind is absent, so validation fails at once, without NoMatch retries. */
  @Test
  void givenKindTheClusterDoesNotServe_whenApplied_thenExit2AtOnceWithOneDiscoveryReadAndNoRetryWarnings() {
    // given: a served group-version (apps/v1) with a kind it lacks, and a group no one serves
    Path file = Cli.write(dir, "typo/app.yaml", Cli.configMap("default", "fine") + """
        ---
        apiVersion: apps/v1
        kind: Deploymnet
        metadata: {name: web, namespace: default}
        ---
        apiVersion: example.com/v1
        kind: Gadget
        metadata: {name: g, namespace: default}
        """);

    // when: run with the JVM's stderr captured too, where the retrier's WARN lines would go
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream savedErr = System.err;
    Run run;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try {
      run = Cli.against(kubeconfig, "apply", "-f", file.toString());
    } finally {
      System.setErr(savedErr);
    }

    // then
    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains(file + "#1", "Deploymnet", file + "#2", "Gadget", "kind");
    assertThat(logs.toString(StandardCharsets.UTF_8) + run.err()).as("retry warnings")
        .doesNotContain("Retrying", "Giving up");
    // one read each, none repeated: /apis (preflight), /api/v1, /apis/apps/v1, and
    // /apis/example.com/v1, the only 404 (the NoMatch retries read it 6 times)
    assertThat(discoveryReads(sandbox, "404")).as(sandbox.requests().snapshot().toString()).isEqualTo(1);
    assertThat(discoveryReads(sandbox, "200")).as(sandbox.requests().snapshot().toString()).isEqualTo(3);
    assertThat(Cli.writes(sandbox)).isZero();
  }

  @Test
  void givenCrdInTheSameSet_whenApplied_thenItsKindIsValidAndApplied() {
    // given: the CRD and a custom resource of the kind it defines, in one file
    Path file = Cli.write(dir, "crd/app.yaml", """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.issue10.example.com}
        spec:
          group: issue10.example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget}
          versions:
          - name: v1
            served: true
            storage: true
            schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        ---
        apiVersion: issue10.example.com/v1
        kind: Widget
        metadata: {name: w, namespace: default}
        spec: {size: 1}
        """);

    // when
    Run run = Cli.against(kubeconfig, "apply", "-f", file.toString(), "--timeout", "30s");

    // then
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(Cli.writes(sandbox)).isPositive();
  }

  /** GET requests of discovery documents (non-resource paths) that ended with {@code outcome}. */
  private static long discoveryReads(Sandbox sandbox, String outcome) {
    return sandbox.requests().snapshot().entrySet().stream()
        .filter(e -> e.getKey().resource().isEmpty() && e.getKey().verb().equals("get")
            && e.getKey().outcome().equals(outcome))
        .mapToLong(e -> e.getValue()).sum();
  }
}
