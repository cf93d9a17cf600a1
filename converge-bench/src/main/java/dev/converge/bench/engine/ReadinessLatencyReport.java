package dev.converge.bench.engine;

import java.time.Duration;
import java.util.List;

/** ReadinessLatencyReport renders the "harness-readiness" section: scenario (3) per tool. */
final class ReadinessLatencyReport {
  private ReadinessLatencyReport() {}

  static String render(Samples s, List<String> tools, int rounds, int objects, Duration pace) {
    StringBuilder md = new StringBuilder("## (3) Readiness detection latency, engine harness (issue 9)\n\n");
    md.append(HarnessSections.measured(rounds)).append("; the engine harness's sandbox (HTTPS, loopback, ")
        .append("simulated controllers running), tools in alternation, the order rotating by round.\n")
        .append("Workload: ").append(objects).append(" custom resources (status subresource) in a fresh Namespace ")
        .append("per tool and round, made ready one every ").append(pace.toMillis())
        .append(" ms, in name order, by writing `Ready=True` through /status; a sample is the time from a ")
        .append("write's response to the tool reporting that object ready (0 if the report came first).\n")
        .append("Tools: converge (`ReadinessWaiter` over shared informers, one listener call per object); ")
        .append("poll-2s (list the namespace and compute status every 2 s); kubectl (`kubectl wait ")
        .append("--for=condition=Ready widgets --all`, one process; it waits for the objects one after ")
        .append("another, a line per object); fabric8 (`waitUntilCondition` on each object in turn; ")
        .append("`waitUntilReady` does not know a custom resource's conditions); kpt (no wait outside `live ")
        .append("apply`: the widgets as a package, `live apply --inventory-policy=adopt --output=events`, a ")
        .append("sample per `reconcile successful` line; its kstatus watcher follows the objects by watch and ")
        .append("reads a custom resource without conditions as Current, so kpt's widgets carry ")
        .append("`Reconciling=True` until marked). kubectl, ")
        .append("fabric8 and kpt are watching (a sentinel object reported) before the first write.\n")
        .append("Command: `").append(HarnessSections.command(rounds)).append("`.\n\n");
    md.append("| tool | p50 ms, median (min–max) | p99 ms | max ms | objects never reported | rounds complete ")
        .append("| p99 / converge |\n|---|---|---|---|---|---|---|\n");
    double base = Samples.median(s.get("readiness.p99", EngineReport.CONVERGE));
    for (String t : tools) {
      List<Double> ok = s.get("readiness.ok", t);
      if (ok.isEmpty()) {
        continue; // a tool not run
      }
      double p99 = Samples.median(s.get("readiness.p99", t));
      md.append("| ").append(t).append(" | ").append(HarnessSections.range(s.get("readiness.p50", t)))
          .append(" | ").append(HarnessSections.range(s.get("readiness.p99", t))).append(" | ")
          .append(HarnessSections.range(s.get("readiness.max", t))).append(" | ")
          .append(HarnessSections.range(s.get("readiness.missed", t))).append(" | ")
          .append((int) ok.stream().mapToDouble(Double::doubleValue).sum()).append('/').append(ok.size())
          .append(" | ").append(base > 0 && !Double.isNaN(p99) ? EngineReport.fmt(p99 / base) + "×" : "n/a")
          .append(" |\n");
    }
    md.append("\n| target | measured | met |\n|---|---|---|\n| (3) converge ready → reported p99 ≤ ")
        .append(EngineReport.fmt(ReadinessLatencyScenario.P99_TARGET_MS)).append(" ms over ").append(objects)
        .append(" objects | ").append(EngineReport.fmt(base)).append(" ms | ")
        .append(base <= ReadinessLatencyScenario.P99_TARGET_MS ? "met" : "NOT met").append(" |\n");
    return md.toString();
  }
}
