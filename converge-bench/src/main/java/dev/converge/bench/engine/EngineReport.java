package dev.converge.bench.engine;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;

/**
 * EngineReport renders the engine section of docs/BENCHMARKS.md: per scenario one row per tool
 * (median, min–max, successful rounds, the tool's time over Converge's), the raw ceiling, and the
 * issue 6 targets as met or not met.
 */
final class EngineReport {
  static final String CONVERGE = "converge";

  private final Samples ceilingSamples;
  private final Map<AddedLatency, Samples> byLatency;
  private final List<String> tools;
  private final Set<String> scenarios;
  /** The samples of the setting being rendered. */
  private Samples s;
  /** The setting being rendered, e.g. ", in-process"; empty when there is one. */
  private String where = "";

  private EngineReport(Samples ceilingSamples, Map<AddedLatency, Samples> byLatency, List<String> tools,
      Set<String> scenarios) {
    this.ceilingSamples = ceilingSamples;
    this.byLatency = byLatency;
    this.tools = tools;
    this.scenarios = scenarios;
    this.s = ceilingSamples;
  }

  /** Facts about the run that the report states: workload, versions, command. */
  record Setup(int rounds, int configMaps, int deployments, long podStartMillis, String kubectl, String kpt,
      String command) {}

  /**
   * @param ceilingSamples where the raw ceiling was recorded
   * @param byLatency the samples of each latency setting, in-process first
   * @param scenarios keys of the scenarios that ran; the others get no table
   */
  static String render(Samples ceilingSamples, Map<AddedLatency, Samples> byLatency, List<String> tools,
      Set<String> scenarios, Setup setup) {
    return new EngineReport(ceilingSamples, byLatency, tools, scenarios).render(setup);
  }

  private String render(Setup setup) {
    StringBuilder md = new StringBuilder("## Engine against peers (issues 6 and 9)\n\n");
    md.append("Measured ").append(LocalDate.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores (load average ").append(String.format(Locale.ROOT, "%.2f",
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
        .append(" at the end; a shared machine), Java ").append(System.getProperty("java.version"))
        .append("; one sandbox (HTTPS, loopback, simulated controllers, pods ready ").append(setup.podStartMillis())
        .append(" ms after scheduling) for every tool; ").append(setup.rounds())
        .append(" rounds after an unmeasured warm-up (two small sets per tool), each scenario run for every tool in ")
        .append("turn, the order rotating by round.\n")
        .append("Workload: 1 Namespace, ").append(setup.configMaps()).append(" ConfigMaps, ")
        .append(setup.deployments()).append(" Deployments (1 replica each) from one manifest directory, a fresh ")
        .append("Namespace per tool and round.\nTools: converge (engine in-process: validate, ApplySet inventory, plan, ")
        .append("the Engine facade as `converge apply --prune --applyset`: lock, 32 concurrent writes, watch-driven waits, prune); kubectl ").append(setup.kubectl())
        .append(" (`apply --server-side -f DIR`, then `wait --for=condition=Available deployment --all`; ")
        .append("`delete -f DIR --wait`); kpt ").append(setup.kpt()).append(" (`live apply --reconcile-timeout`, ")
        .append("`live destroy`; `live init` unmeasured); fabric8 7.6.1 (sequential `serverSideApply()`, then ")
        .append("`waitUntilReady` per Deployment; deletes one by one, waits for the Namespace); poll-2s (the same ")
        .append("sequential applies, then a list of the Deployments every 2 s until all are CURRENT).\n")
        .append("Command: `").append(setup.command()).append(".\n\n");
    md.append("Raw ceiling, server-side applies of a ConfigMap per second with a minimal fabric8 client: 1 client ")
        .append(range("ceiling.applyPerSec.1", "sandbox")).append(", 8 clients ")
        .append(range("ceiling.applyPerSec.8", "sandbox")).append(" (median, min–max).\n\n");
    double ceiling = Samples.median(s.get("ceiling.applyPerSec.8", "sandbox"));
    if (byLatency.keySet().stream().anyMatch(l -> !l.none())) {
      md.append("Settings: each round runs once per setting. In-process: every request goes over loopback to ")
          .append("the sandbox in the same JVM, about 1 ms, so going one request at a time costs a tool almost ")
          .append("nothing. With added latency: a sandbox `latency` fault rule delays every request whose ")
          .append("User-Agent starts with a tool's (").append(String.join(", ", AddedLatency.TOOL_AGENTS))
          .append("), as a round trip to a real API server would; the simulated controllers (")
          .append("`converge-sandbox-controllers`), the harness's checks and the ceiling are not slowed.\n\n");
    }
    for (Map.Entry<AddedLatency, Samples> setting : byLatency.entrySet()) {
      s = setting.getValue();
      String where = byLatency.size() > 1 || !setting.getKey().none() ? ", " + setting.getKey().label() : "";
      setting(md, where, ceiling);
    }
    s = ceilingSamples;
    return md.toString();
  }

  private void setting(StringBuilder md, String where, double ceiling) {
    if (ran("apply")) {
      table(md, "(1) Apply + wait until CURRENT" + where, "apply", true, ceiling);
    }
    if (ran("reapply")) {
      table(md, "(2) No-op re-apply (waits included)" + where, "reapply", false, ceiling);
    }
    if (ran("faults")) {
      table(md, "(4) Apply + wait under 20 % transient write faults (503, 429 + Retry-After: 1, reset)" + where,
          "faults", false, ceiling);
      md.append("Writes per object under faults (medians; retries included): ");
      for (String t : tools) {
        md.append(t).append(' ').append(fmt(Samples.median(s.get("faults.writesPerObject", t)))).append("; ");
      }
      md.setLength(md.length() - 2);
      md.append(".\nTime under faults versus fault-free (medians): ");
      for (String t : tools) {
        double ratio = Samples.median(s.get("faults.s", t)) / Samples.median(s.get("apply.s", t));
        md.append(t).append(' ').append(Double.isNaN(ratio) ? "n/a" : fmt(ratio) + "×").append("; ");
      }
      md.setLength(md.length() - 2);
      md.append(".\n\n");
    }
    if (ran("destroy")) {
      table(md, "(5) Destroy, Namespace included, until gone" + where, "destroy", false, ceiling);
    }
    targets(md, where);
  }

  /** Whether {@code scenario} ran in the setting being rendered (-Dbench.latency.scenarios may skip it). */
  private boolean ran(String scenario) {
    return scenarios.contains(scenario) && tools.stream().anyMatch(t -> !s.get(scenario + ".ok", t).isEmpty());
  }

  private void table(StringBuilder md, String title, String scenario, boolean requests, double ceiling) {
    md.append("### ").append(title).append("\n\n| tool | seconds, median (min–max) | rounds succeeded | ")
        .append("tool / converge |");
    if (requests) {
      md.append(" writes per object | requests per object | requests/s (of 8-client ceiling) |");
    }
    md.append("\n|---|---|---|---|").append(requests ? "---|---|---|" : "").append('\n');
    double base = Samples.median(s.get(scenario + ".s", CONVERGE));
    for (String t : tools) {
      List<Double> ok = s.get(scenario + ".ok", t);
      double m = Samples.median(s.get(scenario + ".s", t));
      md.append("| ").append(t).append(" | ").append(range(scenario + ".s", t)).append(" | ")
          .append((int) ok.stream().mapToDouble(Double::doubleValue).sum()).append('/').append(ok.size())
          .append(" | ").append(Double.isNaN(m) || Double.isNaN(base) ? "n/a" : fmt(m / base) + "×").append(" |");
      if (requests) {
        double rps = Samples.median(s.get("apply.requestsPerSec", t));
        md.append(' ').append(fmt(Samples.median(s.get("apply.writesPerObject", t)))).append(" | ")
            .append(fmt(Samples.median(s.get("apply.requestsPerObject", t)))).append(" | ")
            .append(fmt(rps)).append(" (").append(fmt(100 * rps / ceiling)).append(" %) |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private void targets(StringBuilder md, String where) {
    md.append("### Targets (issue 6)").append(where).append("\n\n| target | measured | met |\n|---|---|---|\n");
    // the setting in each label too: the summary at the top of the file lists rows without headings
    this.where = where;
    speedup(md, "kubectl", 5, "(1) converge ≥ 5× faster than kubectl apply + wait");
    speedup(md, "kpt", 1, "(1) converge faster than kpt live apply");
    speedup(md, "fabric8", 3, "(1) converge ≥ 3× faster than sequential fabric8");
    speedup(md, "poll-2s", 1, "(1) converge faster than sequential fabric8 polling every 2 s");
    double re = Samples.median(s.get("reapply.s", CONVERGE));
    row(md, "(2) converge no-op re-apply ≤ 2 s", fmt(re) + " s", re <= 2);
    double w = Samples.median(s.get("apply.writesPerObject", CONVERGE));
    row(md, "(8) converge API writes per object ≤ 1.05", fmt(w), w <= 1.05);
    md.append("\nWrites count create, update, patch and delete requests (failed attempts and the ApplySet or ")
        .append("ResourceGroup inventory included) over the set's objects, Namespace included; requests count every ")
        .append("verb (discovery, reads, watches) except the simulated controllers'.\n");
  }

  private void speedup(StringBuilder md, String peer, double factor, String label) {
    if (!tools.contains(peer)) {
      return; // not run this time
    }
    double ratio = Samples.median(s.get("apply.s", peer)) / Samples.median(s.get("apply.s", CONVERGE));
    row(md, label, Double.isNaN(ratio) ? "n/a" : fmt(ratio) + "×", ratio >= factor && ratio > 1);
  }

  private void row(StringBuilder md, String label, String measured, boolean met) {
    md.append("| ").append(label).append(where).append(" | ").append(measured).append(" | ").append(met ? "met" : "NOT met")
        .append(" |\n");
  }

  private String range(String metric, String tool) {
    List<Double> v = s.get(metric, tool);
    if (v.isEmpty()) {
      return "–";
    }
    return fmt(Samples.median(v)) + " (" + fmt(Samples.min(v)) + "–" + fmt(Samples.max(v)) + ")";
  }

  static String fmt(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : Math.abs(d) >= 10 ? "%.1f" : "%.2f", d);
  }
}
