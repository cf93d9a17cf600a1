package dev.converge.bench.engine;

import java.util.List;

/** CliReport renders the "harness-cli" section: scenario (7), converge against kubectl. */
final class CliReport {
  private CliReport() {}

  static String render(Samples s, List<String> tools, int rounds) {
    StringBuilder md = new StringBuilder("## (7) CLI cold start, engine harness (issue 9)\n\n");
    md.append(HarnessSections.measured(rounds)).append("; the engine harness's sandbox (HTTPS, loopback, ")
        .append("simulated controllers running, pods ready ").append(EngineBenchmarks.POD_START.toMillis())
        .append(" ms after scheduling), tools in alternation, the order rotating by round. Wall time of whole ")
        .append("processes, started from the benchmark's JVM.\n")
        .append("Workload: the 10 objects of examples/bookshop, its Namespace renamed, fresh per tool and round. ")
        .append("converge: `./converge apply -f DIR --kubeconfig K` through the launcher (C1 only, AppCDS archive ")
        .append("recorded once, untimed), which validates, applies in dependency order and waits until every ")
        .append("object is CURRENT (the migration Job is created only once postgres is ready, its depends-on; ")
        .append("kubectl creates it at once, so there it runs while postgres starts); kubectl: `kubectl apply --server-side -f DIR`, then `kubectl rollout status ")
        .append("statefulset/postgres`, `kubectl wait --for=condition=complete job --all`, `kubectl wait ")
        .append("--for=condition=Available deployment --all` (four processes, as a deploy script runs them). ")
        .append("Version: `./converge version` against `kubectl version --client`. bench/cli.sh measures the ")
        .append("same CLI against its own embedded sandbox (section CLI).\n")
        .append("Command: `").append(HarnessSections.command(rounds)).append("`.\n\n");
    md.append("| tool | apply + wait ms, median (min–max) | tool / converge | version ms, median (min–max) ")
        .append("| tool / converge | rounds succeeded |\n|---|---|---|---|---|---|\n");
    double apply = Samples.median(s.get("cli.applyMs", EngineReport.CONVERGE));
    double version = Samples.median(s.get("cli.versionMs", EngineReport.CONVERGE));
    for (String t : tools) {
      List<Double> ok = s.get("cli.ok", t);
      md.append("| ").append(t).append(" | ").append(HarnessSections.range(s.get("cli.applyMs", t))).append(" | ")
          .append(ratio(Samples.median(s.get("cli.applyMs", t)), apply)).append(" | ")
          .append(HarnessSections.range(s.get("cli.versionMs", t))).append(" | ")
          .append(ratio(Samples.median(s.get("cli.versionMs", t)), version)).append(" | ")
          .append((int) ok.stream().mapToDouble(Double::doubleValue).sum()).append('/').append(ok.size())
          .append(" |\n");
    }
    return md.toString();
  }

  private static String ratio(double tool, double converge) {
    return converge > 0 && !Double.isNaN(tool) ? EngineReport.fmt(tool / converge) + "×" : "n/a";
  }
}
