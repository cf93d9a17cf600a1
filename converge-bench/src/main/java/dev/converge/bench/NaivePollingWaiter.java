package dev.converge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.ReadinessModel;
import dev.converge.core.status.Related;
import dev.converge.core.status.Status;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * NaivePollingWaiter is the approach of the source texts: every 2 s, read the objects and compute
 * their status. It lists the namespace once per poll rather than getting each object, which is
 * kinder to it than per-object polling (1,000 GETs take a while themselves). Same readiness model,
 * so only the way of noticing changes differs.
 */
public final class NaivePollingWaiter implements AutoCloseable {
  public static final Duration INTERVAL = Duration.ofSeconds(2);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  public NaivePollingWaiter(KubernetesClient client, String ns, JsonNode crd, IntConsumer becameCurrent) {
    Related related = Related.builder().definition(crd).build();
    timer.scheduleAtFixedRate(() -> {
      try {
        for (GenericKubernetesResource w : client.genericKubernetesResources(Widgets.CONTEXT)
            .inNamespace(ns).list().getItems()) {
          JsonNode json = client.getKubernetesSerialization().convertValue(w, JsonNode.class);
          if (ReadinessModel.compute(json, related, Instant.now()).status() == Status.CURRENT) {
            becameCurrent.accept(Widgets.index(w.getMetadata().getName()));
          }
        }
      } catch (RuntimeException e) {
        System.err.println("poll failed: " + e);
      }
    }, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
