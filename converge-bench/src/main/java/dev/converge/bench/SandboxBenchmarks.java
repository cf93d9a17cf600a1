package dev.converge.bench;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * SandboxBenchmarks measures the sandbox API server and its peer in alternation, in one JVM:
 * create and server-side-apply throughput from 8 clients, watch delivery latency to 20 watchers,
 * and heap retained by 20,000 objects. Writes the "Sandbox" section of docs/BENCHMARKS.md.
 *
 * <p>Usage: {@code bench/run.sh [rounds]} (default 5).
 */
public final class SandboxBenchmarks {
  static final int CLIENTS = 8;
  static final int WATCHERS = 20;
  static final int WATCH_WRITES = 300;
  static final int FOOTPRINT_OBJECTS = 20_000;
  static final Duration WARMUP = Duration.ofSeconds(2);
  static final Duration WINDOW = Duration.ofSeconds(5);

  private SandboxBenchmarks() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path out = Path.of(args.length > 1 ? args[1] : "docs/BENCHMARKS.md");
    Map<String, Supplier<Target>> targets = new LinkedHashMap<>();
    targets.put("sandbox", SandboxTarget::new);
    targets.put("mock", MockServerTarget::new);
    Samples samples = new Samples();
    for (int round = 0; round < rounds; round++) {
      List<String> order = new ArrayList<>(targets.keySet());
      if (round % 2 == 1) {
        java.util.Collections.reverse(order);
      }
      for (String key : order) {
        try (Target t = targets.get(key).get()) {
          runRound(key, t, samples);
        }
        System.err.printf("round %d/%d %s done%n", round + 1, rounds, key);
      }
    }
    for (String key : targets.keySet()) {
      try (Target t = targets.get(key).get()) {
        samples.add(key, "heapMb", Footprint.measure(t, FOOTPRINT_OBJECTS, CLIENTS));
      }
    }
    String report = BenchmarkReport.render(samples, rounds);
    System.out.println(report);
    BenchmarkReport.writeSection(out, "sandbox", report);
  }

  private static void runRound(String key, Target t, Samples samples) throws Exception {
    Throughput.Result creates = Throughput.measure(t, CLIENTS, WARMUP, WINDOW,
        (client, worker, i) -> client.configMaps().inNamespace("default")
            .resource(new ConfigMapBuilder().withNewMetadata()
                .withName("c-" + worker + "-" + i + "-" + System.nanoTime()).endMetadata()
                .addToData("k", "v").build()).create());
    samples.add(key, "createPerSec", creates.perSecond());
    Throughput.Result applies = Throughput.measure(t, CLIENTS, WARMUP, WINDOW,
        (client, worker, i) -> client.configMaps().inNamespace("default")
            .resource(new ConfigMapBuilder().withNewMetadata()
                .withName("a-" + worker + "-" + (i % 200)).endMetadata()
                .addToData("k", Long.toString(i)).build())
            .fieldManager("bench").forceConflicts().serverSideApply());
    samples.add(key, "applyPerSec", applies.perSecond());
    samples.add(key, "applyErrors", applies.errors());
    WatchLatency.Result watch = WatchLatency.measure(t, WATCHERS, WATCH_WRITES);
    samples.add(key, "watchP50Ms", watch.p50Ms());
    samples.add(key, "watchP99Ms", watch.p99Ms());
    samples.add(key, "watchMissed", watch.missed());
  }

  /** Measured values per target and metric, in round order. */
  static final class Samples {
    final Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();

    void add(String target, String metric, double value) {
      values.computeIfAbsent(target, k -> new LinkedHashMap<>())
          .computeIfAbsent(metric, k -> new ArrayList<>()).add(value);
    }

    List<Double> get(String target, String metric) {
      return values.getOrDefault(target, Map.of()).getOrDefault(metric, List.of());
    }
  }

  static String today() {
    return LocalDate.now().toString();
  }

  static void write(Path path, String text) throws IOException {
    Files.createDirectories(path.toAbsolutePath().getParent());
    Files.writeString(path, text);
  }
}
