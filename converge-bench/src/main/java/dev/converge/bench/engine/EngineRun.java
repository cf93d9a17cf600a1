package dev.converge.bench.engine;

import dev.converge.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * EngineRun is what the scenarios of one benchmark run share: the one sandbox, an admin client
 * that checks results (its requests are made outside the timed sections), the samples, and the set
 * each tool has on the cluster between scenarios (apply leaves it, re-apply reuses it, destroy
 * removes it).
 */
final class EngineRun {
  final Sandbox sandbox;
  final KubernetesClient admin;
  final Path root;
  final Samples samples = new Samples();
  final int configMaps;
  final int deployments;
  final Duration timeout;
  /** Appended to each set's Namespace, so that each latency setting applies into fresh ones. */
  final String tag;
  private final Map<String, DeploySet> live = new HashMap<>();

  EngineRun(Sandbox sandbox, KubernetesClient admin, Path root, int configMaps, int deployments, Duration timeout) {
    this(sandbox, admin, root, configMaps, deployments, timeout, "");
  }

  EngineRun(Sandbox sandbox, KubernetesClient admin, Path root, int configMaps, int deployments, Duration timeout,
      String tag) {
    this.tag = tag;
    this.sandbox = sandbox;
    this.admin = admin;
    this.root = root;
    this.configMaps = configMaps;
    this.deployments = deployments;
    this.timeout = timeout;
  }

  DeploySet newSet(String namespace) throws Exception {
    return DeploySet.write(root.resolve("sets"), namespace + tag, configMaps, deployments);
  }

  void keep(DeployTool tool, DeploySet set) {
    live.put(tool.name(), set);
  }

  Optional<DeploySet> live(DeployTool tool) {
    return Optional.ofNullable(live.get(tool.name()));
  }

  void forget(DeployTool tool) {
    live.remove(tool.name());
  }

  /** Throws unless every ConfigMap of {@code set} exists and every Deployment is available. */
  void requireReady(DeploySet set) {
    int cms = admin.configMaps().inNamespace(set.namespace()).withLabel("app", "bench").list().getItems().size();
    long available = admin.apps().deployments().inNamespace(set.namespace()).list().getItems().stream()
        .filter(EngineRun::available).count();
    if (cms != set.configMaps() || available != set.deployments()) {
      throw new IllegalStateException(set.namespace() + ": " + cms + "/" + set.configMaps() + " ConfigMaps, "
          + available + "/" + set.deployments() + " Deployments available");
    }
  }

  /** Throws unless the set's Namespace is gone. */
  void requireGone(DeploySet set) {
    if (admin.namespaces().withName(set.namespace()).get() != null) {
      throw new IllegalStateException(set.namespace() + ": Namespace still there");
    }
  }

  /** Unmeasured clean-up after a failure: deletes the Namespace and waits until it is gone. */
  void removeNamespace(DeploySet set) {
    admin.namespaces().withName(set.namespace()).delete();
    admin.namespaces().withName(set.namespace())
        .waitUntilCondition(ns -> ns == null, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static boolean available(Deployment d) {
    Integer want = d.getSpec().getReplicas();
    Integer have = d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
    Long observed = d.getStatus() == null ? null : d.getStatus().getObservedGeneration();
    return have != null && want != null && have >= want && observed != null
        && observed >= d.getMetadata().getGeneration();
  }
}
