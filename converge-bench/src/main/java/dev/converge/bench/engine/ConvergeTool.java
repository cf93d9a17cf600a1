package dev.converge.bench.engine;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.status.wait.InformerWatchSource;
import dev.converge.engine.DeployOptions;
import dev.converge.engine.Engine;
import dev.converge.engine.RunReport;
import dev.converge.engine.progress.ProgressListener;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;

/**
 * ConvergeTool runs the engine in-process through the {@link Engine} facade, as {@code converge
 * apply --prune --applyset NAME} does: validate the directory, take the ApplySet's lock, widen its
 * inventory, apply stage by stage with watch-driven waits, prune what the set no longer holds;
 * destroy is {@code converge destroy --applyset NAME}. The parent Secret lives in {@code default}
 * because the set's own Namespace is one of its members.
 *
 * <p>The client is long-lived and configured as the CLI's (no fabric8 request retry: Converge is
 * the only retry layer; informers re-list after 200 ms); each run gets a fresh engine, so its
 * informers start cold, as in a new CLI process.
 */
final class ConvergeTool implements DeployTool {
  static final String PARENT_NAMESPACE = "default";

  private final Duration timeout;
  private final KubernetesClient client;
  private final ConvergeClient ops;

  ConvergeTool(Config sandbox, Duration timeout) {
    this.timeout = timeout;
    this.client = new KubernetesClientBuilder().withConfig(ConvergeClient.withoutRetry(
        new ConfigBuilder(sandbox).withUserAgent("converge/0.1.0")
            .withWatchReconnectInterval(InformerWatchSource.RECONNECT_INTERVAL_MILLIS).build())).build();
    this.ops = ConvergeClient.wrap(client, ClientOptions.DEFAULTS);
  }

  @Override
  public String name() {
    return "converge";
  }

  @Override
  public void apply(DeploySet set) {
    try (Engine engine = Engine.create(ops, client)) {
      RunReport report = engine.apply(engine.load(List.of(set.dir()), PARENT_NAMESPACE),
          options(set).withPrune(true), ProgressListener.NONE);
      if (report.result() != RunReport.Result.SUCCESS) {
        throw new IllegalStateException("converge apply ended " + report.result() + ": "
            + report.objects().stream().filter(o -> !o.reason().isEmpty()).limit(5).toList());
      }
    }
  }

  @Override
  public void destroy(DeploySet set) {
    try (Engine engine = Engine.create(ops, client)) {
      RunReport report = engine.destroyApplySet(applySet(set), PARENT_NAMESPACE, options(set),
          ProgressListener.NONE);
      if (report.result() != RunReport.Result.SUCCESS) {
        throw new IllegalStateException("converge destroy ended " + report.result());
      }
    }
  }

  private DeployOptions options(DeploySet set) {
    return DeployOptions.DEFAULTS.withApplySet(applySet(set)).withTimeout(timeout);
  }

  private static String applySet(DeploySet set) {
    return "bench-" + set.namespace();
  }

  @Override
  public void close() {
    ops.close();
    client.close();
  }
}
