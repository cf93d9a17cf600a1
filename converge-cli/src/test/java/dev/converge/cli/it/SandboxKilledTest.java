package dev.converge.cli.it;

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
import dev.converge.engine.progress.ProgressEvent;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * Issue 10, crashes: {@code converge sandbox --data-dir} as its own process, killed with SIGKILL in
 * the middle of an engine apply and started again on the same port and directory. The apply
 * completes through its retries or fails typed; every write acknowledged before the kill is there
 * after it; the re-run converges with every object once (UIDs kept).
 */
@Timeout(120)
class SandboxKilledTest {
  static final String NS = "killed";
  static final int OBJECTS = 120;
  /** Outlasts a sandbox JVM restart (a few seconds): up to 40 attempts within 60 s. */
  static final RetryPolicy THROUGH_RESTART = RetryPolicy.builder().baseDelay(Duration.ofMillis(50))
      .maxDelay(Duration.ofSeconds(1)).maxAttempts(40).deadline(Duration.ofSeconds(60)).build();
  static final DeployOptions OPTIONS = DeployOptions.DEFAULTS.withTimeout(Duration.ofSeconds(60)).withPrune("big")
      .withLockTtl(Duration.ofSeconds(2)).withLockWait(Duration.ofSeconds(30));

  @TempDir
  Path dir;

  CliProcess sandbox(String name, int port, Path kubeconfig, String... extra) {
    String[] args = new String[7 + extra.length];
    System.arraycopy(new String[] {"sandbox", "--port", Integer.toString(port), "--kubeconfig", kubeconfig.toString(),
        "--data-dir", dir.resolve("data").toString()}, 0, args, 0, 7);
    System.arraycopy(extra, 0, args, 7, extra.length);
    CliProcess process = CliProcess.start(dir, name, args);
    await().atMost(60, TimeUnit.SECONDS).until(() -> Files.exists(kubeconfig) || !process.alive());
    assertThat(process.alive()).as(process.output()).isTrue();
    return process;
  }

  static String configMaps() {
    return IntStream.range(0, OBJECTS).mapToObj(i -> """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm-%d}
        data: {n: "%d"}
        """.formatted(i, i)).collect(Collectors.joining("---\n"));
  }

  @Test
  void givenApplyInFlight_whenSandboxProcessIsKilledAndRestarted_thenNothingAcknowledgedIsLostAndReRunConverges() {
    // given: a durable sandbox process whose ConfigMap writes are slowed
    Path firstConfig = dir.resolve("first.kubeconfig");
    CliProcess first = sandbox("sandbox-1", 0, firstConfig,
        "--fault", "verb=patch,path=/api/v1/namespaces/*/configmaps/*,latency=100ms");
    CliProcess second = null;
    try {
      Config config = new ConfigBuilder(Config.fromKubeconfig(firstConfig.toFile()))
          .withRequestRetryBackoffLimit(0).build();
      int port = URI.create(config.getMasterUrl()).getPort();
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
          Engine engine = Engine.create(client, ClientOptions.DEFAULTS.with(b -> b.retryPolicy(THROUGH_RESTART)))) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
            .create();
        ManifestSet set = engine.load(List.of(Cli.write(dir, "big.yaml", configMaps())), NS);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        CompletableFuture<RunReport> apply = CompletableFuture.supplyAsync(() -> engine.apply(set, OPTIONS, e -> {
          if (e instanceof ProgressEvent.Applied a) {
            acknowledged.add(a.object().name());
          }
        }));
        await().atMost(30, TimeUnit.SECONDS).until(() -> acknowledged.size() >= 30);

        // when: the sandbox process is killed and started again on the same port and directory
        first.kill();
        Set<String> ackedBeforeKill = Set.copyOf(acknowledged);
        second = sandbox("sandbox-2", port, dir.resolve("second.kubeconfig"));

        // then: nothing acknowledged before the kill is lost
        assertThat(ackedBeforeKill).hasSizeLessThan(OBJECTS);
        Set<String> stored = client.configMaps().inNamespace(NS).list().getItems().stream()
            .map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
        assertThat(stored).containsAll(ackedBeforeKill);

        // and the apply completed through its retries, or failed typed
        RunReport report = null;
        try {
          report = apply.join();
        } catch (CompletionException e) {
          // typed: an API error, or the ApplySet lock lost because the server was down past its TTL
          assertThat(e.getCause()).as("typed failure")
              .isInstanceOfAny(ConvergeException.class, dev.converge.engine.lock.LockLostException.class);
        }
        Map<String, String> afterFirst = uids(client);

        // when: re-run
        long started = System.nanoTime();
        RunReport rerun = engine.apply(set, OPTIONS, e -> {});

        // then: converged, every object once, the first run's objects kept their UIDs
        assertThat(rerun.succeeded()).as("%s", rerun).isTrue();
        Map<String, String> after = uids(client);
        assertThat(after).hasSize(OBJECTS).containsAllEntriesOf(afterFirst);
        System.out.printf("FIGURE sandbox-kill: first run %s, %d acknowledged before the kill, all stored;"
            + " re-run %d ms, %d objects%n", report == null ? "threw" : report.result(), ackedBeforeKill.size(),
            (System.nanoTime() - started) / 1_000_000, after.size());
      }
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  static Map<String, String> uids(KubernetesClient client) {
    return client.configMaps().inNamespace(NS).withLabel(ApplySetKeys.PART_OF_LABEL).list().getItems().stream()
        .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c.getMetadata().getUid()));
  }
}
