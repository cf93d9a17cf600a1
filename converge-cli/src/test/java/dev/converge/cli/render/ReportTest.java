package dev.converge.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON document, summary line and redaction say exactly what issue 7 specifies. */
class ReportTest {
  static final ObjectLine NS = new ObjectLine("v1", "Namespace", null, "shop", "created", "CURRENT", "", 12);
  static final ObjectLine API = new ObjectLine("apps/v1", "Deployment", "shop", "api", "configured",
      "IN_PROGRESS", "1 of 3 replicas available", 5000);

  @Test
  void givenSummary_whenRenderedAsJson_thenItHasExactlyTheSpecifiedKeys() throws Exception {
    // given
    Summary summary = new Summary(Result.TIMEOUT, List.of(NS, API), List.of(
        new ObjectLine("v1", "ConfigMap", "shop", "old", "pruned", "NOT_FOUND", "", 40)), 6000);

    // when
    JsonNode json = new ObjectMapper().readTree(JsonReport.render(summary));

    // then
    assertThat(json.fieldNames()).toIterable().containsExactly("result", "objects", "pruned", "durationMs");
    assertThat(json.get("result").asText()).isEqualTo("timeout");
    assertThat(json.get("durationMs").asLong()).isEqualTo(6000);
    JsonNode first = json.get("objects").get(0);
    assertThat(first.fieldNames()).toIterable().containsExactly("apiVersion", "kind", "namespace", "name",
        "action", "status", "reason", "durationMs");
    assertThat(first.get("namespace").isNull()).isTrue();
    assertThat(json.get("objects").get(1).get("reason").asText()).isEqualTo("1 of 3 replicas available");
    assertThat(json.get("pruned").get(0).get("action").asText()).isEqualTo("pruned");
  }

  @Test
  void givenResults_thenExitCodesAreTheIssues() {
    assertThat(Result.SUCCESS.exitCode()).isZero();
    assertThat(Result.FAILED.exitCode()).isEqualTo(1);
    assertThat(Result.INVALID.exitCode()).isEqualTo(2);
    assertThat(Result.TIMEOUT.exitCode()).isEqualTo(3);
    assertThat(ExitCodes.UNREACHABLE).isEqualTo(4);
  }

  @Test
  void givenSuccess_thenSummaryCountsActions() {
    Summary summary = new Summary(Result.SUCCESS, List.of(NS, API.withStatus("CURRENT")), List.of(), 3100);

    assertThat(SummaryLine.of(summary, Wording.APPLY))
        .containsExactly("Converged 2 objects in 3.1s (1 created, 1 configured)");
  }

  @Test
  void givenTimeout_thenSummaryNamesEachObjectNotReadyAndWhy() {
    Summary summary = new Summary(Result.TIMEOUT, List.of(NS, API), List.of(), 6000);

    assertThat(SummaryLine.of(summary, Wording.APPLY)).containsExactly(
        "TIMED OUT after 6.0s: 1 of 2 objects not ready (1 created, 1 configured)",
        "  Deployment shop/api: IN_PROGRESS: 1 of 3 replicas available");
  }

  @Test
  void givenStatusOfMissingObjects_thenSummarySaysNotReadyAndDoesNotRepeatTheStatus() {
    ObjectLine missing = new ObjectLine("v1", "ConfigMap", "shop", "c", "unchanged", "NOT_FOUND",
        "NOT_FOUND NotFound: object does not exist", 0);
    Summary summary = new Summary(Result.TIMEOUT, List.of(missing), List.of(), 40);

    assertThat(SummaryLine.of(summary, Wording.STATUS)).containsExactly(
        "NOT READY after 0.0s: 1 of 1 object not ready (1 unchanged)",
        "  ConfigMap shop/c: NOT_FOUND NotFound: object does not exist");
  }

  @Test
  void givenDestroyTimedOut_thenObjectsNotGoneAreCounted() {
    ObjectLine gone = new ObjectLine("v1", "ConfigMap", "shop", "c", "deleted", "NOT_FOUND", "", 10);
    ObjectLine stuck = new ObjectLine("v1", "Namespace", null, "shop", "skipped", "TERMINATING",
        "finalizer example.com/hold", 10);
    Summary summary = new Summary(Result.TIMEOUT, List.of(gone, stuck), List.of(), 5000);

    assertThat(SummaryLine.of(summary, Wording.DESTROY).get(0))
        .startsWith("TIMED OUT after 5.0s: 1 of 2 objects not gone");
  }

  @Test
  void givenSecretValue_whenScrubbed_thenPlainAndBase64FormsAreMasked() {
    Redactor redactor = Redactor.of(List.of("s3cr3t-value", "ab"));
    String b64 = Base64.getEncoder().encodeToString("s3cr3t-value".getBytes());

    assertThat(redactor.scrub("pw=s3cr3t-value data=" + b64 + " ab"))
        .isEqualTo("pw=[redacted] data=[redacted] ab");
  }
}
