package dev.converge.bench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.bench.BenchmarkReport;
import dev.converge.bench.Percentiles;
import dev.converge.bench.Widgets;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * (3) Readiness detection latency: N custom resources (status subresource) are made ready one
 * every {@link #PACE} by writing {@code Ready=True} through /status, as a controller would; each
 * tool's way of waiting ({@link ReadyObservers}) is running before the first write, and the time
 * from each write's response to the tool reporting that object ready is one sample. Writes the
 * "harness-readiness" section of docs/BENCHMARKS.md after every call, so it needs no change to
 * the engine report. N is {@code -Dbench.readiness.objects} (default 1000).
 */
final class ReadinessLatencyScenario implements Scenario {
  /** The pace of ReadinessBenchmarks: 1,000 objects turn ready over about 3 s. */
  static final Duration PACE = Duration.ofMillis(3);
  static final double P99_TARGET_MS = 50;

  private final int objects = Integer.getInteger("bench.readiness.objects", 1000);
  private final Set<String> tools = new LinkedHashSet<>();
  private JsonNode crd;

  @Override
  public String title() {
    return "(3) readiness detection latency";
  }

  @Override
  public void run(EngineRun run, DeployTool tool, int round) throws Exception {
    if (crd == null) {
      crd = run.admin.getKubernetesSerialization().convertValue(Widgets.install(run.admin), JsonNode.class);
    }
    tools.add(tool.name());
    String ns = "ready-" + tool.name() + "-r" + round;
    // marked in list order (by name), the order in which kubectl wait goes through them
    List<GenericKubernetesResource> order = Widgets.create(run.admin, ns, objects).stream()
        .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName())).toList();
    Recorder rec = new Recorder(objects);
    try {
      Optional<ReadyObservers.Observer> observer =
          ReadyObservers.start(tool.name(), run, ns, order, crd, rec::reported);
      if (observer.isEmpty()) {
        return;
      }
      try (AutoCloseable stop = observer.get().stop()) {
        if (!observer.get().watching().await(run.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException(tool.name() + " never started watching");
        }
        rec.markAll(run, order);
        rec.all.await(run.timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      Percentiles p = rec.latencies();
      run.samples.add("readiness.p50", tool.name(), p.p50());
      run.samples.add("readiness.p99", tool.name(), p.p99());
      run.samples.add("readiness.max", tool.name(), p.max());
      run.samples.add("readiness.missed", tool.name(), objects - p.samples());
      run.samples.add("readiness.ok", tool.name(), p.samples() == objects ? 1 : 0);
    } catch (Exception e) {
      System.err.printf("%s readiness latency failed: %s%n", tool.name(), e.getMessage());
      run.samples.add("readiness.ok", tool.name(), 0);
    } finally {
      run.admin.namespaces().withName(ns).delete();
      run.admin.namespaces().withName(ns)
          .waitUntilCondition(n -> n == null, run.timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    BenchmarkReport.writeSection(HarnessSections.out(), "harness-readiness",
        ReadinessLatencyReport.render(run.samples, List.copyOf(tools), round, objects, PACE));
  }

  /** Write-return and first-report times per widget index. */
  private static final class Recorder {
    final AtomicLongArray written;
    final AtomicLongArray reported;
    final CountDownLatch all;

    Recorder(int n) {
      written = new AtomicLongArray(n);
      reported = new AtomicLongArray(n);
      all = new CountDownLatch(n);
    }

    void reported(int i) {
      if (reported.compareAndSet(i, 0, System.nanoTime())) {
        all.countDown();
      }
    }

    void markAll(EngineRun run, List<GenericKubernetesResource> order) {
      for (GenericKubernetesResource w : order) {
        long next = System.nanoTime() + PACE.toNanos();
        Widgets.markReady(run.admin, w);
        written.set(Widgets.index(w.getMetadata().getName()), System.nanoTime());
        LockSupport.parkNanos(next - System.nanoTime());
      }
    }

    /** Milliseconds from write response to report; a report read before the response counts 0. */
    Percentiles latencies() {
      double[] ms = new double[written.length()];
      int n = 0;
      for (int i = 0; i < ms.length; i++) {
        long r = reported.get(i);
        long w = written.get(i);
        if (r != 0 && w != 0) {
          ms[n++] = Math.max(0, r - w) / 1e6;
        }
      }
      return Percentiles.of(Arrays.copyOf(ms, n));
    }
  }
}
