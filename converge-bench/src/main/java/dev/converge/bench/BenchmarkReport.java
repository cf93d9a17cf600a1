package dev.converge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** BenchmarkReport renders measured samples as a Markdown section with ratios to the peer. */
public final class BenchmarkReport {
  private BenchmarkReport() {}

  static String render(SandboxBenchmarks.Samples s, int rounds) {
    StringBuilder md = new StringBuilder();
    md.append("## Sandbox API server\n\n");
    md.append("Measured ").append(SandboxBenchmarks.today()).append(" on ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
        .append(System.getProperty("java.version")).append(", max heap ")
        .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB; ")
        .append(rounds).append(" alternating rounds per target, one JVM, loopback only.\n")
        .append("Command: `bench/run.sh ").append(rounds).append("`. Peer: fabric8 ")
        .append("kubernetes-server-mock 7.6.1 in CRUD mode (plain HTTP, no auth); the sandbox ")
        .append("serves HTTPS with bearer tokens.\n\n");
    md.append("| metric | target | sandbox median (min–max) | peer median (min–max) | ")
        .append("sandbox / peer | met |\n|---|---|---|---|---|---|\n");
    row(md, s, "create ConfigMap, 8 clients (req/s)", "createPerSec", null, true);
    row(md, s, "server-side apply ConfigMap, 8 clients (req/s)", "applyPerSec", 3000.0, true);
    row(md, s, "failed applies in the window", "applyErrors", null, false);
    row(md, s, "watch delivery p50, 20 watchers (ms)", "watchP50Ms", null, false);
    row(md, s, "watch delivery p99, 20 watchers (ms)", "watchP99Ms", 20.0, false);
    row(md, s, "watch events not delivered within 5 s", "watchMissed", null, false);
    row(md, s, "heap retained by 20,000 ConfigMaps (MiB)", "heapMb", 300.0, false);
    md.append("\nTargets from issue 2: ≥ 3,000 applies/s; watch p99 ≤ 20 ms; 20,000 objects ")
        .append("within 300 MB of heap. A peer value of 0 applies/s with errors means the peer ")
        .append("does not implement server-side apply.\n");
    return md.toString();
  }

  private static void row(StringBuilder md, SandboxBenchmarks.Samples s, String label,
      String metric, Double target, boolean higherIsBetter) {
    List<Double> a = s.get("sandbox", metric);
    List<Double> b = s.get("mock", metric);
    double ma = median(a);
    double mb = median(b);
    String ratio = mb == 0 || Double.isNaN(mb) || Double.isNaN(ma) ? "n/a"
        : String.format("%.2f×", ma / mb);
    String met = "";
    if (target != null) {
      boolean ok = higherIsBetter ? ma >= target : ma <= target;
      met = (ok ? "met" : "NOT met") + " (" + (higherIsBetter ? "≥ " : "≤ ") + fmt(target) + ")";
    }
    md.append("| ").append(label).append(" | ").append(metric).append(" | ")
        .append(range(a)).append(" | ").append(range(b)).append(" | ").append(ratio)
        .append(" | ").append(met).append(" |\n");
  }

  private static String range(List<Double> v) {
    if (v.isEmpty()) {
      return "–";
    }
    double min = v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    return fmt(median(v)) + " (" + fmt(min) + "–" + fmt(max) + ")";
  }

  static double median(List<Double> v) {
    if (v.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String fmt(double d) {
    if (Double.isNaN(d)) {
      return "n/a";
    }
    return Math.abs(d) >= 100 ? String.format("%.0f", d) : String.format("%.1f", d);
  }

  /** Replaces the section between markers named {@code id} in {@code file}, or appends it. */
  public static void writeSection(Path file, String id, String section) throws IOException {
    String begin = "<!-- bench:" + id + ":begin -->";
    String end = "<!-- bench:" + id + ":end -->";
    String text = Files.exists(file) ? Files.readString(file)
        : "# Benchmarks\n\nFigures are ratios against the peer measured in the same run.\n\n";
    String block = begin + "\n" + section + end;
    int i = text.indexOf(begin);
    int j = text.indexOf(end);
    if (i >= 0 && j > i) {
      text = text.substring(0, i) + block + text.substring(j + end.length());
    } else {
      text = text + "\n" + block + "\n";
    }
    SandboxBenchmarks.write(file, text);
  }
}
