package dev.converge.bench.engine;

import dev.converge.core.status.ReadinessModel;
import dev.converge.core.status.Related;
import dev.converge.core.status.Status;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Fabric8Tool is the straightforward fabric8 program: load the files, server-side apply each
 * object in turn, then wait. Two ways of waiting, as found in the wild: fabric8's own
 * {@code waitUntilReady} per Deployment, or polling every 2 s (list the Deployments, compute their
 * status, sleep, repeat; the approach of the source texts). Destroy deletes each object in reverse
 * order and waits until the Namespace is gone. The client keeps fabric8's default request retry,
 * as such a program would.
 */
final class Fabric8Tool implements DeployTool {
  /** How the program waits for the Deployments (and for the Namespace to go). */
  enum Wait { WAIT_UNTIL_READY, POLL_EVERY_2S }

  /** The poll interval of the source texts. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
  static final String FIELD_MANAGER = "bench-fabric8";

  private final String name;
  private final Wait wait;
  private final Duration timeout;
  private final KubernetesClient client;

  Fabric8Tool(String name, Path kubeconfig, Wait wait, Duration timeout) throws Exception {
    this.name = name;
    this.wait = wait;
    this.timeout = timeout;
    Config config = new ConfigBuilder(Config.fromKubeconfig(Files.readString(kubeconfig)))
        .withUserAgent(name + "/1.0").build();
    this.client = new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void apply(DeploySet set) throws Exception {
    List<HasMetadata> objects = load(set);
    for (HasMetadata o : objects) {
      client.resource(o).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }
    List<String> deployments = objects.stream().filter(o -> o instanceof Deployment)
        .map(o -> o.getMetadata().getName()).toList();
    if (wait == Wait.WAIT_UNTIL_READY) {
      for (String d : deployments) {
        client.apps().deployments().inNamespace(set.namespace()).withName(d)
            .waitUntilReady(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
    } else {
      pollUntil(() -> client.apps().deployments().inNamespace(set.namespace()).list().getItems().stream()
          .filter(d -> ReadinessModel.compute(d, Related.NONE, Instant.now()).status() == Status.CURRENT)
          .count() >= deployments.size());
    }
  }

  @Override
  public void destroy(DeploySet set) throws Exception {
    List<HasMetadata> objects = new ArrayList<>(load(set));
    Collections.reverse(objects);
    for (HasMetadata o : objects) {
      client.resource(o).delete();
    }
    if (wait == Wait.WAIT_UNTIL_READY) {
      client.namespaces().withName(set.namespace())
          .waitUntilCondition(Objects::isNull, timeout.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      pollUntil(() -> client.namespaces().withName(set.namespace()).get() == null);
    }
  }

  private List<HasMetadata> load(DeploySet set) throws Exception {
    List<HasMetadata> objects = new ArrayList<>();
    try (Stream<Path> files = Files.list(set.dir())) {
      for (Path f : files.sorted().toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          objects.addAll(client.load(in).items());
        }
      }
    }
    return objects;
  }

  private interface Check {
    boolean done();
  }

  private void pollUntil(Check check) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.done()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(name + ": not done within " + timeout);
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
