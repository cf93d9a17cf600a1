package dev.converge.engine.reliability;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.errors.ConvergeException;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.core.status.wait.InformerWatchSource;
import dev.converge.core.status.wait.ReadinessWaiter;
import dev.converge.core.status.wait.WaitOptions;
import dev.converge.engine.Applier;
import dev.converge.engine.ApplyOptions;
import dev.converge.engine.ApplyResult;
import dev.converge.engine.destroy.DestroyResult;
import dev.converge.engine.destroy.Destroyer;
import dev.converge.engine.destroy.PruneOptions;
import dev.converge.engine.destroy.PruneResult;
import dev.converge.engine.destroy.Pruner;
import dev.converge.engine.inventory.ApiVersions;
import dev.converge.engine.inventory.Inventory;
import dev.converge.engine.lock.ApplySetLock;
import dev.converge.engine.lock.LockOptions;
import dev.converge.engine.manifest.KindResolver;
import dev.converge.engine.manifest.ManifestObject;
import dev.converge.engine.manifest.ManifestValidator;
import dev.converge.engine.manifest.Yaml;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.Planner;
import dev.converge.engine.progress.ProgressListener;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine as the CLI runs it, for one client identity: lock, validate, widen the inventory,
 * plan, apply, wait, prune; or lock and destroy the set. A failed result is thrown as {@link
 * PhaseFailedException} carrying the typed per-object failures.
 */
final class MatrixEngine {

  /** Patient enough to ride out a 30 % fault rate, bounded so that a run always ends. */
  static final RetryPolicy POLICY = RetryPolicy.builder().baseDelay(Duration.ofMillis(20))
      .maxDelay(Duration.ofMillis(500)).maxAttempts(12).deadline(Duration.ofSeconds(30)).build();
  static final Duration WAIT = Duration.ofSeconds(45);
  static final Duration DELETE_TIMEOUT = Duration.ofSeconds(30);
  /** A short TTL so that a lock left by a failed release lapses quickly between phases. */
  static final Duration LOCK_TTL = Duration.ofSeconds(5);

  /** An apply or destroy whose result reports failures; typed when every cause is. */
  static final class PhaseFailedException extends RuntimeException {
    final List<RuntimeException> causes;

    PhaseFailedException(String what, List<RuntimeException> causes) {
      super(what + (causes.isEmpty() ? "" : ": " + causes.get(0).getMessage()));
      this.causes = List.copyOf(causes);
    }

    boolean typed() {
      return causes.stream().allMatch(c -> c instanceof ConvergeException);
    }
  }

  private final Config config;
  private final String client;

  MatrixEngine(Config base, String client) {
    // as the CLI connects: short informer re-list back-off (see InformerWatchSource)
    this.config = new ConfigBuilder(ConvergeClient.withoutRetry(base)).withUserAgent(client)
        .withWatchReconnectInterval(InformerWatchSource.RECONNECT_INTERVAL_MILLIS).build();
    this.client = client;
  }

  /** Applies {@code set} (with or without the pruned member) and prunes what it no longer has. */
  void apply(MixedSet set, boolean withPruned) {
    try (KubernetesClient k = new KubernetesClientBuilder().withConfig(config).build();
        ConvergeClient ops = ConvergeClient.wrap(k, ClientOptions.DEFAULTS.with(b -> b.retryPolicy(POLICY)));
        InformerWatchSource source = new InformerWatchSource(k);
        ReadinessWaiter waiter = new ReadinessWaiter(source, WaitOptions.DEFAULTS.withTimeout(WAIT));
        ApplySetLock lock = ApplySetLock.acquire(ops, set.parent(), lockOptions())) {
      List<ManifestObject> valid = new ManifestValidator(KindResolver.of(ops.discovery()), set.home())
          .validate(Yaml.read("set.yaml", set.yaml(withPruned))).orThrow();
      Inventory inventory = new Inventory(ops, ops.discovery(), ApiVersions.preferred(k), set.parent());
      Plan plan = Planner.plan(inventory.widen(valid));
      ApplyResult applied = new Applier(ops, waiter, Applier.DEFAULT_CONCURRENCY)
          .apply(plan, ApplyOptions.DEFAULTS.withTimeout(WAIT), ProgressListener.NONE);
      if (!applied.succeeded()) {
        List<RuntimeException> causes = new ArrayList<>(applied.failed().values());
        throw new PhaseFailedException("apply failed (" + applied.failed().size() + " failed, "
            + applied.notCurrent().size() + " not current)", causes);
      }
      PruneResult pruned = new Pruner(new Destroyer(ops, DELETE_TIMEOUT, Destroyer.DEFAULT_CONCURRENCY))
          .prune(inventory, plan, true, PruneOptions.DEFAULTS);
      if (!pruned.succeeded()) {
        throw new PhaseFailedException("prune failed", new ArrayList<>(pruned.destroyed().failed().values()));
      }
      lock.ensureHeld();
    }
  }

  /** Destroys the whole set: members in reverse order, then the parent. */
  void destroy(MixedSet set) {
    try (KubernetesClient k = new KubernetesClientBuilder().withConfig(config).build();
        ConvergeClient ops = ConvergeClient.wrap(k, ClientOptions.DEFAULTS.with(b -> b.retryPolicy(POLICY)));
        ApplySetLock lock = ApplySetLock.acquire(ops, set.parent(), lockOptions())) {
      Inventory inventory = new Inventory(ops, ops.discovery(), ApiVersions.preferred(k), set.parent());
      DestroyResult result = new Destroyer(ops, DELETE_TIMEOUT, Destroyer.DEFAULT_CONCURRENCY).destroy(inventory);
      if (!result.succeeded()) {
        throw new PhaseFailedException("destroy failed", new ArrayList<>(result.failed().values()));
      }
      lock.ensureHeld();
    }
  }

  private LockOptions lockOptions() {
    return LockOptions.defaults().withHolder(client + "/" + LockOptions.defaultHolder()).withTtl(LOCK_TTL)
        .withWait(LOCK_TTL.multipliedBy(2), Duration.ofMillis(250));
  }
}
