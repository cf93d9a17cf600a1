package dev.converge.bench.engine;

import dev.converge.bench.Target;
import dev.converge.bench.Throughput;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;

/**
 * Ceiling measures the raw limit the tools share: server-side applies of a ConfigMap per second
 * from a minimal fabric8 client against the same sandbox (controllers running), one client in a
 * loop (what a sequential tool could reach at best) and 8 concurrent clients (the server's limit).
 */
final class Ceiling {
  static final Duration WARMUP = Duration.ofSeconds(1);
  static final Duration WINDOW = Duration.ofSeconds(3);

  private Ceiling() {}

  static void measure(EngineRun run) throws InterruptedException {
    Target target = new Target() {
      @Override
      public String name() {
        return "sandbox";
      }

      @Override
      public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(run.sandbox.clientConfig()).build();
      }

      @Override
      public void close() {}
    };
    for (int clients : new int[] {1, 8}) {
      Throughput.Result r = Throughput.measure(target, clients, WARMUP, WINDOW,
          (client, worker, i) -> client.configMaps().inNamespace("default")
              .resource(new ConfigMapBuilder().withNewMetadata()
                  .withName("ceiling-" + worker + "-" + (i % 200)).endMetadata()
                  .addToData("k", Long.toString(i)).build())
              .fieldManager("bench").forceConflicts().serverSideApply());
      run.samples.add("ceiling.applyPerSec." + clients, "sandbox", r.perSecond());
    }
  }
}
