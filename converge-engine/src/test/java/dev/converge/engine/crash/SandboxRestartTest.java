package dev.converge.engine.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.errors.ConvergeException;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.engine.DeployOptions;
import dev.converge.engine.Engine;
import dev.converge.engine.ManifestSet;
import dev.converge.engine.RunReport;
import dev.converge.engine.inventory.ApplySetKeys;
import dev.converge.engine.inventory.ApplySetParent;
import dev.converge.engine.lock.LeaseClaim;
import dev.converge.engine.manifest.Yaml;
import dev.converge.engine.progress.ProgressEvent;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.sandbox.faults.RequestQuery;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, crashes: the API server (sandbox in durable mode) stops and starts again on the same
 * port and data directory in the middle of an engine apply. The apply either completes through its
 * retries or fails with a typed error; a re-run converges; every write the server acknowledged
 * before the stop is still there, and nothing was created twice (UIDs) or deleted.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SandboxRestartTest {
  static final String NS = "restart";
  static final int OBJECTS = 120;
  /** Retries outlast a restart (well under a second here): up to 20 attempts within 30 s. */
  static final RetryPolicy THROUGH_RESTART = RetryPolicy.builder().baseDelay(Duration.ofMillis(20))
      .maxDelay(Duration.ofMillis(500)).maxAttempts(20).deadline(Duration.ofSeconds(30)).build();
  static final DeployOptions OPTIONS = DeployOptions.DEFAULTS.withTimeout(Duration.ofSeconds(30)).withPrune("big")
      .withLockTtl(Duration.ofSeconds(2)).withLockWait(Duration.ofSeconds(20));

  @TempDir
  Path dataDir;

  static String configMaps() {
    return IntStream.range(0, OBJECTS).mapToObj(i -> """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm-%d}
        data: {n: "%d"}
        """.formatted(i, i)).collect(Collectors.joining("---\n"));
  }

  @Test
  void givenApplyInFlight_whenSandboxStopsAndRestarts_thenApplyCompletesOrFailsTypedAndReRunConvergesWithNothingLost() {
    Sandbox first = Sandbox.start(SandboxOptions.defaults().withDataDir(dataDir).withControllers(false));
    int port = first.port();
    Sandbox second = null;
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(first.clientConfig()).build();
        Engine engine = Engine.create(client, ClientOptions.DEFAULTS.with(b -> b.retryPolicy(THROUGH_RESTART)))) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
          .create();
      ManifestSet set = engine.validate(Yaml.read("big.yaml", configMaps()), NS);
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      // given: an apply in flight, its writes slowed so that the stop falls in the middle
      first.faults().add(FaultSpec.parse("verb=patch,path=/api/v1/namespaces/*/configmaps/*,latency=100ms"));
      CompletableFuture<RunReport> apply = CompletableFuture.supplyAsync(() -> engine.apply(set, OPTIONS, e -> {
        if (e instanceof ProgressEvent.Applied a) {
          acknowledged.add(a.object().name());
        }
      }));
      await().atMost(20, TimeUnit.SECONDS).until(() -> first.requests()
          .count(RequestQuery.all().verb("patch").resource("configmaps")) >= 30);

      // when: the API server stops and starts again on the same port and data directory
      first.close();
      Set<String> ackedBeforeStop = Set.copyOf(acknowledged);
      second = Sandbox.start(SandboxOptions.defaults().withDataDir(dataDir).withPort(port).withControllers(false));

      // then: nothing acknowledged before the stop is lost
      Set<String> stored = client.configMaps().inNamespace(NS).list().getItems().stream()
          .map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
      assertThat(ackedBeforeStop).isNotEmpty().hasSizeLessThan(OBJECTS);
      assertThat(stored).containsAll(ackedBeforeStop);

      // and the apply completed through its retries, or failed typed
      RunReport report = null;
      try {
        report = apply.join();
      } catch (CompletionException e) {
        // typed: an API error, or the ApplySet lock lost because the server was down past its TTL
        assertThat(e.getCause()).as("typed failure")
            .isInstanceOfAny(ConvergeException.class, dev.converge.engine.lock.LockLostException.class);
      }
      if (report != null && !report.succeeded()) {
        assertThat(report.objects()).filteredOn(o -> !o.reason().isEmpty()).isNotEmpty();
      }
      Map<String, String> afterFirst = uids(client);

      // when: re-run
      RunReport rerun = engine.apply(set, OPTIONS, e -> {});

      // then: converged, every object once, none deleted and created again, lock free
      assertThat(rerun.succeeded()).as("%s", rerun).isTrue();
      Map<String, String> after = uids(client);
      assertThat(after).hasSize(OBJECTS).containsAllEntriesOf(afterFirst);
      assertThat(second.requests().count(RequestQuery.all().verb("delete").resource("configmaps"))).isZero();
      String lease = LeaseClaim.leaseName(ApplySetParent.secret(NS, "big").id());
      assertThat(LeaseClaim.holding(client.leases().inNamespace(NS).withName(lease).get()).holder()).isNull();
      System.out.printf("FIGURE sandbox-restart: first run %s, %d acknowledged before the stop%n",
          report == null ? "threw" : report.result(), ackedBeforeStop.size());
    } finally {
      (second != null ? second : first).close();
    }
  }

  static Map<String, String> uids(KubernetesClient client) {
    return client.configMaps().inNamespace(NS).withLabel(ApplySetKeys.PART_OF_LABEL).list().getItems().stream()
        .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c.getMetadata().getUid()));
  }
}
