package dev.converge.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * WatchLatency measures the time from a write's response to each watcher receiving the event,
 * with several independent watching clients.
 */
final class WatchLatency {
  /** Latency percentiles in milliseconds and how many deliveries were measured or missed. */
  record Result(double p50Ms, double p99Ms, double maxMs, int samples, int missed) {}

  private WatchLatency() {}

  static Result measure(Target target, int watchers, int writes) throws InterruptedException {
    String label = "watch-" + System.nanoTime();
    Map<String, CountDownLatch> pending = new ConcurrentHashMap<>();
    Map<String, List<Long>> received = new ConcurrentHashMap<>();
    List<KubernetesClient> clients = new ArrayList<>();
    List<Watch> watches = new ArrayList<>();
    for (int w = 0; w < watchers; w++) {
      KubernetesClient c = target.newClient();
      clients.add(c);
      watches.add(c.configMaps().inNamespace("default").withLabel("bench", label)
          .watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap cm) {
              if (action != Action.ADDED) {
                return;
              }
              long now = System.nanoTime();
              String name = cm.getMetadata().getName();
              received.computeIfAbsent(name, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                  .add(now);
              CountDownLatch latch = pending.get(name);
              if (latch != null) {
                latch.countDown();
              }
            }

            @Override
            public void onClose(WatcherException cause) {}
          }));
    }
    KubernetesClient writer = target.newClient();
    List<Double> latencies = new ArrayList<>();
    int missed = 0;
    for (int i = 0; i < writes; i++) {
      String name = label + "-" + i;
      CountDownLatch latch = new CountDownLatch(watchers);
      pending.put(name, latch);
      ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(name)
          .addToLabels("bench", label).endMetadata().addToData("i", Integer.toString(i)).build();
      writer.configMaps().inNamespace("default").resource(cm).create();
      long written = System.nanoTime();
      if (!latch.await(5, TimeUnit.SECONDS)) {
        missed += (int) latch.getCount();
      }
      if (i < writes / 10) {
        continue; // warm-up writes are not measured
      }
      for (long at : received.getOrDefault(name, List.of())) {
        latencies.add(Math.max(0, at - written) / 1e6);
      }
    }
    watches.forEach(Watch::close);
    clients.forEach(KubernetesClient::close);
    writer.close();
    double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Result(percentile(sorted, 50), percentile(sorted, 99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], sorted.length, missed);
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }

  static String describe(double[] values) {
    return Arrays.toString(values);
  }
}
