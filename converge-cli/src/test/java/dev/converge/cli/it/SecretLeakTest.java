package dev.converge.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.it.Cli.Run;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, security: Secret values never appear in any output. Planted values (stringData plain,
 * data base64, and a value that is not base64 at all) go through every command and its failure
 * paths (apply text and JSON with an ApplySet and prune, --verbose, diff, dry run, status, wait, a
 * field-manager conflict, a change refused because the Secret is immutable, invalid input,
 * destroy), and everything printed is searched for them: stdout, stderr and the JVM's own stdout
 * and stderr, where log lines go.
 */
@Timeout(120)
class SecretLeakTest {
  static final String NS = "leak";
  static final String PLAIN = "planted-plain-c0ffee17";
  static final String DECODED = "planted-decoded-5eed42";
  static final String ENCODED = b64(DECODED);
  static final String LOCKED = "planted-locked-a11ce9";
  static final String THEIRS = "planted-theirs-b0b0b0";
  static final String NOT_BASE64 = "planted-not-base64!!";

  static Sandbox sandbox;
  static Path kubeconfig;
  static KubernetesClient client;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(true));
    kubeconfig = dir.resolve("sandbox.kubeconfig");
    sandbox.writeKubeconfig(kubeconfig);
    client = new KubernetesClientBuilder().withConfig(sandbox.clientConfig()).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Every planted value in each form it could leak in. */
  static List<String> planted() {
    List<String> all = new ArrayList<>();
    for (String v : List.of(PLAIN, DECODED, LOCKED, THEIRS, NOT_BASE64, PLAIN + "-v2", LOCKED + "-v2")) {
      all.add(v);
      all.add(b64(v));
    }
    all.add(ENCODED);
    return all;
  }

  static String app(String plain, String locked) {
    return Cli.namespace(NS) + """
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: db, namespace: %s}
        stringData: {password: %s}
        data: {token: %s}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: locked, namespace: %s}
        immutable: true
        stringData: {key: %s}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: %s}
        spec:
          replicas: 1
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec: {containers: [{name: api, image: "nginx:1.27"}]}
        """.formatted(NS, plain, ENCODED, NS, locked, NS);
  }

  /** {@code converge <args>}, with the JVM's stdout and stderr captured as well. */
  static Run run(List<String> logs, String... args) {
    ByteArrayOutputStream jvm = new ByteArrayOutputStream();
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    PrintStream capture = new PrintStream(jvm, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      return Cli.against(kubeconfig, args);
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
      logs.add(String.join(" ", args) + "\n" + jvm.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void givenPlantedSecretValues_whenEveryCommandAndFailureRuns_thenNoOutputOrLogContainsThem() {
    // given
    Path set = Cli.write(dir, "v1/app.yaml", app(PLAIN, LOCKED));
    Path changed = Cli.write(dir, "v2/app.yaml", app(PLAIN + "-v2", LOCKED));
    Path immutableChanged = Cli.write(dir, "v3/app.yaml", app(PLAIN, LOCKED + "-v2"));
    Path invalid = Cli.write(dir, "bad/app.yaml", """
        apiVersion: v1
        kind: Secret
        metadata: {name: bad, namespace: leak, labels: {"bad key!": x}}
        stringData: {password: %s}
        data: {token: %s, raw: %s}
        """.formatted(PLAIN, ENCODED, NOT_BASE64));
    Path notBase64 = Cli.write(dir, "raw/app.yaml", Cli.namespace(NS) + """
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: raw, namespace: leak}
        data: {raw: %s}
        """.formatted(NOT_BASE64));
    List<String> logs = new ArrayList<>();
    List<Run> runs = new ArrayList<>();

    // when: the happy paths
    Run applied = run(logs, "apply", "-f", set.toString(), "--applyset", "app", "--prune", "--timeout", "60s");
    runs.add(applied);
    runs.add(run(logs, "apply", "-f", set.toString(), "--applyset", "app", "--prune", "-o", "json", "--verbose"));
    runs.add(run(logs, "diff", "-f", changed.toString(), "--applyset", "app"));
    runs.add(run(logs, "diff", "-f", changed.toString(), "-o", "json", "--verbose"));
    runs.add(run(logs, "apply", "-f", changed.toString(), "--dry-run=server", "-o", "json"));
    runs.add(run(logs, "status", "-f", set.toString()));
    runs.add(run(logs, "status", "-f", set.toString(), "-o", "json", "--verbose"));
    runs.add(run(logs, "wait", "-f", set.toString(), "--timeout", "30s"));
    runs.add(run(logs, "wait", "-f", set.toString(), "-o", "json", "--timeout", "30s"));

    // and the failures: a field another manager owns, an immutable Secret changed, invalid input
    client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("db").withNamespace(NS)
        .endMetadata().withData(Map.of("token", b64(THEIRS))).build())
        .patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager("someone-else")
            .withForce(true).build());
    Run conflict = run(logs, "apply", "-f", set.toString(), "--applyset", "app", "--verbose");
    runs.add(conflict);
    runs.add(run(logs, "apply", "-f", set.toString(), "--applyset", "app", "-o", "json", "--verbose"));
    runs.add(run(logs, "diff", "-f", set.toString(), "--verbose"));
    runs.add(run(logs, "apply", "-f", set.toString(), "--applyset", "app", "--force-conflicts"));
    Run immutable = run(logs, "apply", "-f", immutableChanged.toString(), "--applyset", "app", "--verbose");
    runs.add(immutable);
    runs.add(run(logs, "apply", "-f", immutableChanged.toString(), "--applyset", "app", "-o", "json"));
    Run bad = run(logs, "apply", "-f", invalid.toString(), "--verbose");
    runs.add(bad);
    runs.add(run(logs, "apply", "-f", invalid.toString(), "-o", "json"));
    // data that is not base64: the server answers 400, and that error must not echo the value
    runs.add(run(logs, "apply", "-f", notBase64.toString(), "--verbose"));
    runs.add(run(logs, "apply", "-f", notBase64.toString(), "-o", "json"));
    runs.add(run(logs, "destroy", "-f", set.toString(), "--applyset", "app", "--verbose"));

    // then: the paths ran as intended
    assertThat(applied.code()).as(applied.toString()).isZero();
    assertThat(runs.get(2).code()).as("the diff sees the change").isEqualTo(1);
    assertThat(conflict.code()).as(conflict.toString()).isEqualTo(1);
    assertThat(conflict.out() + conflict.err()).containsIgnoringCase("conflict").contains("someone-else");
    assertThat(immutable.code()).as(immutable.toString()).isEqualTo(1);
    assertThat(immutable.out() + immutable.err()).contains("immutable");
    assertThat(bad.code()).as(bad.toString()).isEqualTo(2);
    assertThat(bad.err()).contains("bad key!");
    assertThat(runs.get(runs.size() - 1).code()).as(runs.get(runs.size() - 1).toString()).isZero();
    // and not one planted value, plain or base64, in anything printed or logged
    for (Run r : runs) {
      assertThat(r.out() + r.err()).as(r.toString()).doesNotContain(planted());
    }
    for (String log : logs) {
      assertThat(log).as("JVM output of: " + log).doesNotContain(planted());
    }
  }
}
