package dev.converge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ReadinessBenchmarks measures issue 5's performance targets and writes the {@code readiness}
 * section of docs/BENCHMARKS.md: time from an object turning ready to the waiter reporting CURRENT
 * over 1,000 custom resources (against a naive 2 s polling waiter in the same run), and the cost
 * of computing a 1,000-pod Deployment's status.
 *
 * <p>Usage: {@code ReadinessBenchmarks [rounds=3] [file=docs/BENCHMARKS.md] [objects=1000]}.
 */
public final class ReadinessBenchmarks {
  static final double LATENCY_P99_TARGET_MS = 50;
  static final double COMPUTE_TARGET_MS = 1;

  private ReadinessBenchmarks() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path out = Path.of(args.length > 1 ? args[1] : "docs/BENCHMARKS.md");
    int objects = args.length > 2 ? Integer.parseInt(args[2]) : 1000;

    StatusComputeTiming.Result compute = StatusComputeTiming.measure();
    System.out.println("compute scanning " + compute.scanning() + ", finished " + compute.finished());

    List<ReadyLatency.Result> watching = new ArrayList<>();
    List<ReadyLatency.Result> polling = new ArrayList<>();
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(false));
        KubernetesClient client =
            new KubernetesClientBuilder().withConfig(sandbox.clientConfig()).build()) {
      JsonNode crd = client.getKubernetesSerialization()
          .convertValue(Widgets.install(client), JsonNode.class);
      for (int r = 0; r < rounds; r++) {
        watching.add(ReadyLatency.watching(client, "watch-" + r, objects));
        System.out.println("round " + r + " watching " + watching.get(r));
        polling.add(ReadyLatency.polling(client, "poll-" + r, objects, crd));
        System.out.println("round " + r + " polling " + polling.get(r));
      }
    }
    String section = render(rounds, objects, compute, watching, polling);
    System.out.print(section);
    BenchmarkReport.writeSection(out, "readiness", section);
  }

  static String render(int rounds, int objects, StatusComputeTiming.Result compute,
      List<ReadyLatency.Result> watching, List<ReadyLatency.Result> polling) {
    StringBuilder md = new StringBuilder("## Readiness waits\n\n");
    md.append("Measured ").append(SandboxBenchmarks.today()).append(" on ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
        .append(System.getProperty("java.version")).append("; ").append(rounds)
        .append(" rounds, one JVM, sandbox over HTTPS on loopback with controllers off.\n")
        .append("Command: `java -cp <converge-bench classpath> ")
        .append("dev.converge.bench.ReadinessBenchmarks ").append(rounds)
        .append(" docs/BENCHMARKS.md ").append(objects).append("`.\n\n")
        .append("Latency: ").append(objects).append(" custom resources (status subresource) ")
        .append("made ready one every ").append(ReadyLatency.PACE.toMillis())
        .append(" ms by writing `Ready=True` through /status; measured from the write's ")
        .append("response to the listener hearing CURRENT. Peer: a naive waiter that lists ")
        .append("and recomputes every ").append(NaivePollingWaiter.INTERVAL.toSeconds())
        .append(" s (the approach of the source texts), same model, same run. A report can ")
        .append("arrive before the client has read the write's response (counted as 0 ms), so ")
        .append("times from the write's start are given too, an upper bound that includes the ")
        .append("write's own round trip. ")
        .append("Median over rounds (min–max).\n\n");
    md.append("| metric | converge | naive 2 s polling | polling / converge | met |\n")
        .append("|---|---|---|---|---|\n");
    latencyRow(md, "write response → reported p50 (ms)", watching, polling,
        r -> r.latency().p50(), null);
    latencyRow(md, "write response → reported p99 (ms)", watching, polling,
        r -> r.latency().p99(), LATENCY_P99_TARGET_MS);
    latencyRow(md, "write response → reported max (ms)", watching, polling,
        r -> r.latency().max(), null);
    latencyRow(md, "write start → reported p50 (ms)", watching, polling,
        r -> r.fromWriteStart().p50(), null);
    latencyRow(md, "write start → reported p99 (ms)", watching, polling,
        r -> r.fromWriteStart().p99(), LATENCY_P99_TARGET_MS);
    md.append("| objects never reported | ").append(sum(watching)).append(" | ")
        .append(sum(polling)).append(" | – | |\n\n");
    md.append("Status computation, Deployment with ").append(StatusComputeTiming.PODS)
        .append(" pods, 50 Warning events, one call per sample after ")
        .append(StatusComputeTiming.WARMUP).append(" warm-up calls (")
        .append(StatusComputeTiming.SAMPLES).append(" samples):\n\n")
        .append("| shape | p50 (µs) | p99 (µs) | met |\n|---|---|---|---|\n");
    computeRow(md, "rollout one pod short (every pod scanned)", compute.scanning());
    computeRow(md, "finished (CURRENT)", compute.finished());
    md.append("\nTargets from issue 5: ready → CURRENT p99 ≤ 50 ms over 1,000 objects; ")
        .append("1,000-pod Deployment status ≤ 1 ms.\n");
    return md.toString();
  }

  private interface Pick {
    double of(ReadyLatency.Result r);
  }

  private static void latencyRow(StringBuilder md, String label, List<ReadyLatency.Result> a,
      List<ReadyLatency.Result> b, Pick pick, Double target) {
    List<Double> va = a.stream().map(pick::of).toList();
    List<Double> vb = b.stream().map(pick::of).toList();
    double ma = BenchmarkReport.median(va);
    double mb = BenchmarkReport.median(vb);
    String ratio = ma > 0 ? String.format("%.0f×", mb / ma) : "n/a";
    String met = target == null ? "" : (ma <= target ? "met" : "NOT met") + " (≤ " + fmt(target) + ")";
    md.append("| ").append(label).append(" | ").append(range(va)).append(" | ")
        .append(range(vb)).append(" | ").append(ratio).append(" | ").append(met).append(" |\n");
  }

  private static void computeRow(StringBuilder md, String label, Percentiles p) {
    boolean met = p.p99() <= COMPUTE_TARGET_MS * 1000;
    md.append("| ").append(label).append(" | ").append(fmt(p.p50())).append(" | ")
        .append(fmt(p.p99())).append(" | ").append(met ? "met" : "NOT met").append(" (≤ 1,000) |\n");
  }

  private static int sum(List<ReadyLatency.Result> rs) {
    return rs.stream().mapToInt(ReadyLatency.Result::missed).sum();
  }

  private static String range(List<Double> v) {
    double min = v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    return fmt(BenchmarkReport.median(v)) + " (" + fmt(min) + "–" + fmt(max) + ")";
  }

  private static String fmt(double d) {
    if (Double.isNaN(d)) {
      return "n/a";
    }
    return Math.abs(d) >= 100 ? String.format("%.0f", d) : String.format("%.1f", d);
  }
}
