package dev.converge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Status;
import dev.converge.core.status.wait.InformerWatchSource;
import dev.converge.core.status.wait.ReadinessWaiter;
import dev.converge.core.status.wait.WaitHandle;
import dev.converge.core.status.wait.WaitOptions;
import dev.converge.core.status.wait.WaitTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * ReadyLatency measures the time from a write that makes an object ready returning to the waiter
 * reporting it CURRENT, over N custom resources made ready one after another at a steady pace,
 * with the sandbox's controllers off.
 */
final class ReadyLatency {
  /** Gap between two writes: 1,000 objects turn ready over about 3 s, a rollout-sized burst. */
  static final Duration PACE = Duration.ofMillis(3);

  /** How long after the last write a report may still arrive before it counts as missed. */
  static final Duration GRACE = Duration.ofSeconds(10);

  /**
   * Latencies in ms, from the write's response and (an upper bound that includes the write's own
   * round trip) from the write's start, and how many objects were never reported CURRENT.
   */
  record Result(Percentiles latency, Percentiles fromWriteStart, int missed) {}

  private ReadyLatency() {}

  /** The watch-driven {@link ReadinessWaiter}. */
  static Result watching(KubernetesClient client, String ns, int n) throws InterruptedException {
    List<GenericKubernetesResource> widgets = Widgets.create(client, ns, n);
    Recorder rec = new Recorder(n);
    try (InformerWatchSource source = new InformerWatchSource(client);
        ReadinessWaiter waiter = new ReadinessWaiter(source,
            WaitOptions.DEFAULTS.withTimeout(Duration.ofMinutes(2)))) {
      WaitHandle handle = waiter.start(widgets.stream().map(WaitTarget::of).toList(), e -> {
        if (e.readiness().status() == Status.CURRENT) {
          rec.accept(Widgets.index(e.ref().name()));
        }
      });
      Result r = rec.run(client, widgets);
      handle.cancel();
      return r;
    }
  }

  /** The naive waiter that polls every 2 s. */
  static Result polling(KubernetesClient client, String ns, int n, JsonNode crd)
      throws InterruptedException {
    List<GenericKubernetesResource> widgets = Widgets.create(client, ns, n);
    Recorder rec = new Recorder(n);
    try (NaivePollingWaiter poller = new NaivePollingWaiter(client, ns, crd, rec)) {
      return rec.run(client, widgets);
    }
  }

  /** Write-return and first-report times per object. */
  private static final class Recorder implements IntConsumer {
    final AtomicLongArray started;
    final AtomicLongArray written;
    final AtomicLongArray reported;
    final CountDownLatch all;

    Recorder(int n) {
      started = new AtomicLongArray(n);
      written = new AtomicLongArray(n);
      reported = new AtomicLongArray(n);
      all = new CountDownLatch(n);
    }

    @Override
    public void accept(int i) {
      if (reported.compareAndSet(i, 0, System.nanoTime())) {
        all.countDown();
      }
    }

    Result run(KubernetesClient client, List<GenericKubernetesResource> widgets)
        throws InterruptedException {
      for (int i = 0; i < widgets.size(); i++) {
        long next = System.nanoTime() + PACE.toNanos();
        started.set(i, System.nanoTime());
        Widgets.markReady(client, widgets.get(i));
        written.set(i, System.nanoTime());
        LockSupport.parkNanos(next - System.nanoTime());
      }
      all.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      double[] ms = new double[widgets.size()];
      double[] fromStart = new double[widgets.size()];
      int measured = 0;
      int missed = 0;
      for (int i = 0; i < widgets.size(); i++) {
        long r = reported.get(i);
        if (r == 0) {
          missed++;
          continue;
        }
        // The report can land before the write's response is read: that counts as zero.
        fromStart[measured] = (r - started.get(i)) / 1_000_000.0;
        ms[measured++] = Math.max(0, r - written.get(i)) / 1_000_000.0;
      }
      return new Result(Percentiles.of(Arrays.copyOf(ms, measured)),
          Percentiles.of(Arrays.copyOf(fromStart, measured)), missed);
    }
  }
}
