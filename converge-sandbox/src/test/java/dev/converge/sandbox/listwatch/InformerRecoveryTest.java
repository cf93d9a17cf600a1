package dev.converge.sandbox.listwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A fabric8 informer whose watch is cut while the history window moves past its resourceVersion
 * must get 410 Gone on reconnect, relist, and converge to the server's state.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InformerRecoveryTest {
  private static final int HISTORY = 20;
  private static final String NS = "informer";

  @Test
  void givenCompactionWhileDisconnected_whenInformerReconnects_thenItRelistsAndConverges() {
    AtomicBoolean refuseWatches = new AtomicBoolean();
    AtomicInteger lists = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withWatchHistory(HISTORY));
        KubernetesClient client = SandboxFixture.client(sandbox)) {
      sandbox.apiServer().addFilter((req, info) -> {
        if (info == null || !"configmaps".equals(info.resource()) || info.name() != null) {
          return false;
        }
        if (!"true".equals(req.getParam("watch"))) {
          lists.incrementAndGet();
          return false;
        }
        if (refuseWatches.get()) {
          refused.incrementAndGet();
          req.response().setStatusCode(503).end();
          return true;
        }
        return false;
      });
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
          .endMetadata().build()).create();
      for (int i = 0; i < 5; i++) {
        create(client, "before-" + i);
      }
      // given a synced informer
      SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(NS).inform();
      try {
        await().atMost(Duration.ofSeconds(10)).until(informer::hasSynced);
        assertThat(names(informer)).hasSize(5);
        int listsBefore = lists.get();

        // when its watch is cut and history moves on by more than the window
        refuseWatches.set(true);
        sandbox.apiServer().closeWatches();
        for (int i = 0; i < HISTORY + 10; i++) {
          create(client, "during-" + i);
        }
        for (int i = 0; i < 3; i++) {
          client.configMaps().inNamespace(NS).withName("before-" + i).delete();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> refused.get() > 0);
        refuseWatches.set(false);

        // then it relists (the 410 path) and its cache matches the server
        List<String> truth = client.configMaps().inNamespace(NS).list().getItems().stream()
            .map(c -> c.getMetadata().getName()).sorted().toList();
        assertThat(truth).hasSize(2 + HISTORY + 10);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          assertThat(lists.get()).isGreaterThan(listsBefore + 1);
          assertThat(names(informer)).isEqualTo(truth);
        });
      } finally {
        informer.close();
      }
    }
  }

  private static void create(KubernetesClient client, String name) {
    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
        .withName(name).endMetadata().build()).create();
  }

  private static List<String> names(SharedIndexInformer<ConfigMap> informer) {
    return informer.getStore().list().stream().map(c -> c.getMetadata().getName()).sorted()
        .toList();
  }
}
