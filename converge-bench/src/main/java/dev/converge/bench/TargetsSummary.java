package dev.converge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TargetsSummary writes the "targets" section at the top of docs/BENCHMARKS.md: every performance
 * target named in the issues, with the figure its benchmark section measured, that section's
 * command and date, and met / NOT met; a target no section reports is listed as not measured. It
 * only reads the other sections ({@link TargetRows}), so run it after them ({@code bench/run.sh}
 * does).
 *
 * <p>Usage: {@code TargetsSummary [file=docs/BENCHMARKS.md]}.
 */
public final class TargetsSummary {
  static final String SECTION = "targets";

  /** A target an issue names: the section that measures it and a phrase of its row's label. */
  record Expected(String section, String labelPart, String description) {}

  /** Every target of the issues, in the order of the summary. */
  static final List<Expected> EXPECTED = List.of(
      new Expected("sandbox", "server-side apply", "sandbox: server-side applies ≥ 3,000 req/s"),
      new Expected("sandbox", "watch delivery p99", "sandbox: watch delivery p99 ≤ 20 ms"),
      new Expected("sandbox", "heap retained", "sandbox: heap ≤ 300 MB for 20,000 ConfigMaps"),
      new Expected("readiness", "write response → reported p99", "readiness: ready → CURRENT p99 ≤ 50 ms"),
      new Expected("readiness", "rollout one pod short", "readiness: 1,000-pod Deployment status ≤ 1 ms"),
      new Expected("harness-readiness", "p99", "(3) readiness latency on the engine harness p99 ≤ 50 ms"),
      new Expected("client", "get, facade overhead", "client facade: get overhead ≤ 5 %"),
      new Expected("client", "apply, facade overhead", "client facade: apply overhead ≤ 5 %"),
      new Expected("client", "requests per successful apply", "client facade: 1 request per apply"),
      new Expected("engine", "kubectl", "engine: ≥ 5× faster than kubectl"),
      new Expected("engine", "kpt", "engine: faster than kpt"),
      new Expected("engine", "fabric8", "engine: ≥ 3× faster than sequential fabric8"),
      new Expected("engine", "no-op re-apply", "engine: no-op re-apply ≤ 2 s"),
      new Expected("engine", "writes per object", "engine: writes per object ≤ 1.05"),
      new Expected("cli", "converge version", "CLI: `converge version` ≤ 0.5 s"),
      new Expected("cli", "converge apply", "CLI: apply of the example ≤ 4 s"),
      new Expected("rollout", "overhead per node", "rollout: controller overhead ≤ 20 ms per node"),
      new Expected("rollout", "operator heap", "rollout: operator heap ≤ 256 MB"),
      new Expected("harness-rollout", "overhead per node", "(6) rollout on the engine harness ≤ 20 ms per node"),
      new Expected("harness-rollout", "operator heap", "(6) rollout on the engine harness: heap ≤ 256 MB"));

  private static final Map<String, String> AREAS = Map.of("sandbox", "Sandbox (issue 2)", "readiness",
      "Readiness (issue 5)", "harness-readiness", "(3) readiness, harness (issue 9)", "client", "Client facade",
      "engine", "Engine (issue 6)", "cli", "CLI (7)", "rollout", "Rollout operator", "harness-rollout",
      "(6) rollout, harness (issue 9)");

  private TargetsSummary() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "docs/BENCHMARKS.md");
    String section = render(TargetRows.parse(Files.readString(file)));
    BenchmarkReport.writeSection(file, SECTION, section);
    System.out.print(section);
  }

  static String render(List<TargetRows.Row> rows) {
    List<String> lines = new ArrayList<>();
    int met = 0;
    int notMet = 0;
    int missing = 0;
    List<TargetRows.Row> listed = new ArrayList<>();
    for (Expected e : EXPECTED) {
      List<TargetRows.Row> found = rows.stream()
          .filter(r -> r.section().equals(e.section()) && r.label().contains(e.labelPart())).toList();
      if (found.isEmpty()) {
        missing++;
        lines.add("| " + area(e.section()) + " | " + e.description() + " | – | not measured | – |");
      }
      for (TargetRows.Row r : found) {
        if (!listed.contains(r)) {
          listed.add(r);
          lines.add(line(r));
          if (r.met()) {
            met++;
          } else {
            notMet++;
          }
        }
      }
    }
    // rows with a verdict that no issue target names (still shown: nothing is hidden)
    for (TargetRows.Row r : rows) {
      if (!listed.contains(r)) {
        lines.add(line(r));
        if (r.met()) {
          met++;
        } else {
          notMet++;
        }
      }
    }
    StringBuilder md = new StringBuilder("## Targets\n\n");
    md.append(met).append(" met, ").append(notMet).append(" NOT met, ").append(missing)
        .append(" not measured. Read from the sections below (each row names the command and date of its ")
        .append("section; sections are measured at different times on a shared 2-core machine), by ")
        .append("`dev.converge.bench.TargetsSummary`, the last step of `bench/run.sh`.\n\n")
        .append("| area | target | measured | met | measured on, command |\n|---|---|---|---|---|\n");
    lines.forEach(l -> md.append(l).append('\n'));
    return md.toString();
  }

  private static String line(TargetRows.Row r) {
    String target = r.target().isBlank() || r.target().matches("[A-Za-z]+") ? r.label()
        : r.label() + " (" + r.target() + ")";
    return "| " + area(r.section()) + " | " + target + " | " + r.measured() + " | " + (r.met() ? "met" : "NOT met")
        + " | " + (r.date().isEmpty() ? "–" : r.date()) + (r.command().isEmpty() ? "" : ", `" + r.command() + "`")
        + " |";
  }

  private static String area(String section) {
    return AREAS.getOrDefault(section, section);
  }
}
