package dev.converge.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.cli.it.Cli.Run;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example application through every command: apply (JSON schema of issue 7), apply again
 * (unchanged), diff, status, wait, destroy; and Secret values never printed by any of them.
 */
@Timeout(180)
class LifecycleTest {
  static final List<String> ACTIONS = List.of("created", "configured", "unchanged", "pruned", "deleted", "skipped");
  static final List<String> STATUSES = List.of("CURRENT", "IN_PROGRESS", "FAILED", "TERMINATING", "NOT_FOUND", "UNKNOWN");

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

  @Test
  void givenExampleApp_whenRunThroughEveryCommand_thenEachReportsAndExitsAsSpecified() {
    String app = Cli.example("bookshop").toString();

    // when: apply as JSON
    Run apply = Cli.against(kubeconfig, "apply", "-f", app, "-o", "json");

    // then: one document with the keys, every object created and CURRENT
    assertThat(apply.code()).as(apply.toString()).isZero();
    JsonNode json = apply.json();
    assertThat(json.fieldNames()).toIterable().containsExactly("result", "objects", "pruned", "durationMs");
    assertThat(json.get("result").asText()).isEqualTo("success");
    assertThat(json.get("durationMs").isIntegralNumber()).isTrue();
    assertThat(json.get("objects")).hasSize(10).allSatisfy(o -> {
      assertThat(o.fieldNames()).toIterable().containsExactly("apiVersion", "kind", "namespace", "name",
          "action", "status", "reason", "durationMs");
      assertThat(o.get("action").asText()).isEqualTo("created");
      assertThat(o.get("status").asText()).isEqualTo("CURRENT");
    });
    assertThat(json.get("objects")).extracting(o -> o.get("kind").asText())
        .contains("Namespace", "Secret", "StatefulSet", "Deployment", "Job", "HorizontalPodAutoscaler");
    assertThat(apply.err()).doesNotContain("{");

    // when: applied again, nothing changes
    Run again = Cli.against(kubeconfig, "apply", "-f", app, "-o", "json");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.json().get("objects")).allSatisfy(o -> {
      assertThat(ACTIONS).contains(o.get("action").asText());
      assertThat(o.get("action").asText()).isEqualTo("unchanged");
    });

    // diff: nothing to change; status: all current; wait: reached at once
    Run diff = Cli.against(kubeconfig, "diff", "-f", app);
    assertThat(diff.code()).as(diff.toString()).isZero();
    assertThat(diff.out()).contains("0 to change, 10 unchanged");
    Run status = Cli.against(kubeconfig, "status", "-f", app, "-o", "json");
    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.json().get("objects")).allSatisfy(o -> assertThat(STATUSES).contains(o.get("status").asText()));
    assertThat(Cli.against(kubeconfig, "wait", "-f", app, "--for", "current", "--timeout", "30s").code()).isZero();

    // destroy: everything deleted, then wait --for deleted returns at once
    Run destroy = Cli.against(kubeconfig, "destroy", "-f", app, "-o", "json");
    assertThat(destroy.code()).as(destroy.toString()).isZero();
    assertThat(destroy.json().get("objects")).allSatisfy(o -> assertThat(o.get("action").asText()).isEqualTo("deleted"));
    Run gone = Cli.against(kubeconfig, "wait", "-f", app, "--for", "deleted", "--timeout", "30s");
    assertThat(gone.code()).as(gone.toString()).isZero();
  }

  @Test
  void givenPlantedSecretValues_whenEveryCommandRuns_thenNoOutputContainsThem() {
    // given: a Secret with a plain and a base64 value
    String plain = "planted-plain-7f3a9c";
    String encoded = "planted-encoded-42be1d";
    String b64 = Base64.getEncoder().encodeToString(encoded.getBytes(StandardCharsets.UTF_8));
    Path file = Cli.write(dir, "secrets/app.yaml", secrets(plain, b64));
    Path changed = Cli.write(dir, "secrets-changed/app.yaml", secrets(plain + "-v2", b64));

    // when: every command, text and JSON, including a diff that changes the value
    List<Run> runs = new ArrayList<>();
    runs.add(Cli.against(kubeconfig, "apply", "-f", file.toString()));
    runs.add(Cli.against(kubeconfig, "apply", "-f", file.toString(), "-o", "json", "--verbose"));
    runs.add(Cli.against(kubeconfig, "diff", "-f", changed.toString()));
    runs.add(Cli.against(kubeconfig, "diff", "-f", changed.toString(), "-o", "json"));
    runs.add(Cli.against(kubeconfig, "apply", "-f", changed.toString(), "--dry-run=server", "-o", "json"));
    runs.add(Cli.against(kubeconfig, "status", "-f", file.toString()));
    runs.add(Cli.against(kubeconfig, "status", "-f", file.toString(), "-o", "json"));
    runs.add(Cli.against(kubeconfig, "destroy", "-f", file.toString(), "--verbose"));

    // then
    assertThat(runs.get(0).code()).as(runs.get(0).toString()).isZero();
    assertThat(runs.get(2).code()).as("the diff sees the changed value").isEqualTo(1);
    assertThat(runs.get(2).out()).contains("data.password").contains("value hidden");
    for (Run run : runs) {
      assertThat(run.out() + run.err()).as(run.toString())
          .doesNotContain(plain, encoded, b64, Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
    }
  }

  static String secrets(String plain, String b64) {
    return Cli.namespace("secrets") + """
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: db, namespace: secrets}
        stringData: {password: %s}
        data: {token: %s}
        """.formatted(plain, b64);
  }
}
