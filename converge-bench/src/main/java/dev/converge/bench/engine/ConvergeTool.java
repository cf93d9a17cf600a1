package dev.converge.bench.engine;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.status.wait.InformerWatchSource;
import dev.converge.core.status.wait.ReadinessWaiter;
import dev.converge.core.status.wait.WaitOptions;
import dev.converge.engine.Applier;
import dev.converge.engine.ApplyOptions;
import dev.converge.engine.ApplyResult;
import dev.converge.engine.destroy.Destroyer;
import dev.converge.engine.destroy.PruneOptions;
import dev.converge.engine.destroy.PruneResult;
import dev.converge.engine.destroy.Pruner;
import dev.converge.engine.inventory.ApiVersions;
import dev.converge.engine.inventory.ApplySetParent;
import dev.converge.engine.inventory.Inventory;
import dev.converge.engine.manifest.KindResolver;
import dev.converge.engine.manifest.ManifestObject;
import dev.converge.engine.manifest.ManifestReader;
import dev.converge.engine.manifest.ManifestValidator;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.Planner;
import dev.converge.engine.progress.ProgressListener;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;

/**
 * ConvergeTool runs the engine in-process, as {@code converge apply} does: validate the directory,
 * widen the ApplySet inventory, plan, apply with watch-driven waits, prune what the set no longer
 * holds; destroy deletes the inventory's members in reverse order and then its parent. The parent
 * Secret lives in {@code default} because the set's own Namespace is one of its members.
 *
 * <p>This is the one class to change when the engine's {@code Engine} facade lands: the bodies of
 * {@link #apply} and {@link #destroy} become one call each.
 */
final class ConvergeTool implements DeployTool {
  static final String PARENT_NAMESPACE = "default";

  private final Duration timeout;
  private final KubernetesClient client;
  private final ConvergeClient ops;

  ConvergeTool(Config sandbox, Duration timeout) {
    this.timeout = timeout;
    // one long-lived client, as a CLI process has for its run; Converge is the only retry layer
    this.client = new KubernetesClientBuilder().withConfig(ConvergeClient.withoutRetry(
        new ConfigBuilder(sandbox).withUserAgent("converge/0.1.0").build())).build();
    this.ops = ConvergeClient.wrap(client, ClientOptions.DEFAULTS);
  }

  @Override
  public String name() {
    return "converge";
  }

  @Override
  public void apply(DeploySet set) {
    Inventory inventory = inventory(set);
    List<ManifestObject> valid = new ManifestValidator(KindResolver.of(ops.discovery()), set.namespace())
        .validate(new ManifestReader().read(List.of(set.dir()))).orThrow();
    Plan plan = Planner.plan(inventory.widen(valid));
    try (InformerWatchSource source = new InformerWatchSource(client);
        ReadinessWaiter waiter = new ReadinessWaiter(source, WaitOptions.DEFAULTS.withTimeout(timeout))) {
      ApplyResult result = new Applier(ops, waiter, Applier.DEFAULT_CONCURRENCY)
          .apply(plan, ApplyOptions.DEFAULTS.withTimeout(timeout), ProgressListener.NONE);
      if (!result.succeeded()) {
        throw new IllegalStateException("converge apply failed: " + result.failed().keySet()
            + " not applied, " + result.notCurrent().size() + " not current");
      }
      PruneResult pruned = new Pruner(destroyer()).prune(inventory, plan, true, PruneOptions.DEFAULTS);
      pruned.destroyed().orThrow();
    }
  }

  @Override
  public void destroy(DeploySet set) {
    destroyer().destroy(inventory(set)).orThrow();
  }

  private Destroyer destroyer() {
    return new Destroyer(ops, timeout, Destroyer.DEFAULT_CONCURRENCY);
  }

  private Inventory inventory(DeploySet set) {
    return new Inventory(ops, ops.discovery(), ApiVersions.preferred(client),
        ApplySetParent.secret(PARENT_NAMESPACE, "bench-" + set.namespace()));
  }

  @Override
  public void close() {
    ops.close();
    client.close();
  }
}
