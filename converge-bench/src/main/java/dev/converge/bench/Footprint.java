package dev.converge.bench;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/** Footprint measures the heap a server retains for a number of stored objects. */
final class Footprint {
  private Footprint() {}

  /** Megabytes of heap retained after storing {@code objects} small ConfigMaps. */
  static double measure(Target target, int objects, int clients) throws InterruptedException {
    long before = usedAfterGc();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int worker = c;
      Thread t = new Thread(() -> {
        try (KubernetesClient client = target.newClient()) {
          for (int i = worker; i < objects; i += clients) {
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("fp-" + i).addToLabels("app", "footprint")
                .endMetadata().addToData("key", "value-" + i).build()).create();
          }
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long after = usedAfterGc();
    return (after - before) / (1024.0 * 1024.0);
  }

  static long usedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
