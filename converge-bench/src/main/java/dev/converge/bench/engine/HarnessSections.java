package dev.converge.bench.engine;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * HarnessSections knows where the scenarios that write their own section of docs/BENCHMARKS.md
 * (readiness latency, rollout, CLI cold start) write it and which command to name: {@code -Dbench.out} and
 * {@code -Dbench.command}, set by {@code bench/run.sh}; defaults fit {@code bench/run.sh N engine}.
 */
final class HarnessSections {
  private HarnessSections() {}

  static Path out() {
    return Path.of(System.getProperty("bench.out", "docs/BENCHMARKS.md"));
  }

  static String command(int rounds) {
    return System.getProperty("bench.command", "bench/run.sh " + rounds + " engine");
  }

  /** "Measured DATE on N cores (load average L at the end), Java V; R rounds" */
  static String measured(int rounds) {
    return "Measured " + LocalDate.now() + " on " + Runtime.getRuntime().availableProcessors()
        + " cores (load average " + String.format(Locale.ROOT, "%.2f",
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
        + " at the end; a shared machine), Java " + System.getProperty("java.version") + "; " + rounds + " round"
        + (rounds == 1 ? "" : "s");
  }

  /** median (min–max) of the samples, or "–". */
  static String range(List<Double> v) {
    if (v.isEmpty()) {
      return "–";
    }
    return EngineReport.fmt(Samples.median(v)) + " (" + EngineReport.fmt(Samples.min(v)) + "–"
        + EngineReport.fmt(Samples.max(v)) + ")";
  }
}
