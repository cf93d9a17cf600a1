package dev.converge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsSummaryTest {
  private static final String DOC = """
      # Benchmarks

      <!-- bench:targets:begin -->
      old summary
      <!-- bench:targets:end -->

      <!-- bench:sandbox:begin -->
      ## Sandbox API server

      Measured 2026-11-20 on 2 cores.
      Command: `bench/run.sh 5`. Peer: mock.

      | metric | target | sandbox median (min–max) | peer median (min–max) | sandbox / peer | met |
      |---|---|---|---|---|---|
      | create ConfigMap, 8 clients (req/s) | createPerSec | 15888 (3256–16623) | 750 (666–1065) | 21.18× |  |
      | server-side apply ConfigMap, 8 clients (req/s) | applyPerSec | 2500 (2000–2600) | 0.0 (0.0–0.0) | n/a | NOT met (≥ 3000) |
      | watch delivery p99, 20 watchers (ms) | watchP99Ms | 2.9 (0.3–4.1) | 0.7 (0.5–3.4) | 4.13× | met (≤ 20.0) |
      <!-- bench:sandbox:end -->

      <!-- bench:cli:begin -->
      ## CLI

      Measured 2026-11-21 on 2 cores.
      Command: `bench/cli.sh 5`.

      | metric | median (min–max) ms | runs (ms) | target | met |
      |---|---|---|---|---|
      | `converge version` | 103 (101–108) | 104 101 | ≤ 500 | met |
      | peer: `kubectl version --client` | 42 (41–45) | 44 45 | | converge/kubectl 2.5× |
      | `converge apply -f examples/bookshop --cluster embedded` | 4100 (3900–4300) | 4100 | ≤ 4000 | not met |
      <!-- bench:cli:end -->

      <!-- bench:readiness:begin -->
      | shape | p50 (µs) | p99 (µs) | met |
      |---|---|---|---|
      | rollout one pod short (every pod scanned) | 106 | 194 | met (≤ 1,000) |
      <!-- bench:readiness:end -->
      """;

  @Test
  void readsEveryVerdictRowWithItsFigureTargetAndCommand() {
    List<TargetRows.Row> rows = TargetRows.parse(DOC);

    assertThat(rows).containsExactly(
        new TargetRows.Row("sandbox", "server-side apply ConfigMap, 8 clients (req/s)", "≥ 3000", "2500", false,
            "bench/run.sh 5", "2026-11-20"),
        new TargetRows.Row("sandbox", "watch delivery p99, 20 watchers (ms)", "≤ 20.0", "2.9", true,
            "bench/run.sh 5", "2026-11-20"),
        new TargetRows.Row("cli", "`converge version`", "≤ 500", "103", true, "bench/cli.sh 5", "2026-11-21"),
        new TargetRows.Row("cli", "`converge apply -f examples/bookshop --cluster embedded`", "≤ 4000", "4100",
            false, "bench/cli.sh 5", "2026-11-21"),
        new TargetRows.Row("readiness", "rollout one pod short (every pod scanned)", "≤ 1,000", "194 µs", true,
            "", ""));
  }

  @Test
  void listsTargetsNoSectionMeasuredAsNotMeasured() {
    String summary = TargetsSummary.render(TargetRows.parse(DOC));

    assertThat(summary)
        .contains("| Sandbox (issue 2) | server-side apply ConfigMap, 8 clients (req/s) (≥ 3000) | 2500 | NOT met |")
        .contains("| CLI (7) | `converge version` (≤ 500) | 103 | met | 2026-11-21, `bench/cli.sh 5` |")
        .contains("| Engine (issue 6) | engine: ≥ 5× faster than kubectl | – | not measured | – |")
        .startsWith("## Targets\n\n3 met, 2 NOT met, " + (TargetsSummary.EXPECTED.size() - 5) + " not measured.");
  }

  @Test
  void rewritesOnlyTheTargetsSectionInPlace(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("BENCHMARKS.md");
    Files.writeString(file, DOC);

    TargetsSummary.main(new String[] {file.toString()});

    String text = Files.readString(file);
    assertThat(text).doesNotContain("old summary");
    assertThat(text.indexOf("## Targets")).isLessThan(text.indexOf("## Sandbox API server"));
    assertThat(text.substring(text.indexOf("<!-- bench:sandbox:begin -->")))
        .isEqualTo(DOC.substring(DOC.indexOf("<!-- bench:sandbox:begin -->")));
  }
}
