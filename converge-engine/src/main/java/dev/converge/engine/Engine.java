package dev.converge.engine;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.client.Kind;
import dev.converge.core.errors.ObjectRef;
import dev.converge.core.status.Readiness;
import dev.converge.core.status.ReadinessModel;
import dev.converge.core.status.Related;
import dev.converge.core.status.Status;
import dev.converge.core.status.wait.Goal;
import dev.converge.core.status.wait.InformerWatchSource;
import dev.converge.core.status.wait.ObjectOutcome;
import dev.converge.core.status.wait.ReadinessWaiter;
import dev.converge.core.status.wait.WaitOptions;
import dev.converge.core.status.wait.WaitResult;
import dev.converge.core.status.wait.WaitTarget;
import dev.converge.engine.RunReport.Action;
import dev.converge.engine.RunReport.ObjectReport;
import dev.converge.engine.destroy.Destroyer;
import dev.converge.engine.destroy.DestroyResult;
import dev.converge.engine.destroy.PruneOptions;
import dev.converge.engine.destroy.PruneResult;
import dev.converge.engine.destroy.Pruner;
import dev.converge.engine.diff.DiffReport;
import dev.converge.engine.diff.Differ;
import dev.converge.engine.inventory.ApiVersions;
import dev.converge.engine.inventory.ApplySetParent;
import dev.converge.engine.inventory.GroupKind;
import dev.converge.engine.inventory.Inventory;
import dev.converge.engine.manifest.ManifestObject;
import dev.converge.engine.manifest.ManifestReader;
import dev.converge.engine.manifest.ManifestValidator;
import dev.converge.engine.manifest.Manifests;
import dev.converge.engine.manifest.ServedKinds;
import dev.converge.engine.manifest.ObjectKey;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.Planner;
import dev.converge.engine.progress.ProgressEvent;
import dev.converge.engine.progress.ProgressListener;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Engine is the one entry point over a cluster: load and validate a manifest set, apply it (ApplySet
 * inventory, ordered server-side apply, waits, prune), diff it, destroy it, read or await its
 * status. Each run returns a {@link RunReport}; progress goes to a {@link ProgressListener} as it
 * happens.
 *
 * <pre>{@code
 * try (Engine engine = Engine.create(client)) {
 *   ManifestSet set = engine.load(List.of(Path.of("deploy/")), "prod");   // no writes; throws if invalid
 *   RunReport report = engine.apply(set, DeployOptions.DEFAULTS.withPrune("web-set"), renderer::on);
 * }
 * }</pre>
 */
public final class Engine implements AutoCloseable {
  private final KubernetesClient client;
  private final ConvergeClient ops;
  private final boolean ownsOps;
  private final InformerWatchSource source;
  private final ReadinessWaiter waiter;
  private final ApiVersions versions;

  private Engine(KubernetesClient client, ConvergeClient ops, boolean ownsOps) {
    this.client = client;
    this.ops = ops;
    this.ownsOps = ownsOps;
    this.source = new InformerWatchSource(client);
    this.waiter = new ReadinessWaiter(source, WaitOptions.DEFAULTS);
    this.versions = ApiVersions.preferred(client);
  }

  /** An engine over {@code client} (request retry off, see {@link ConvergeClient#withoutRetry}). */
  public static Engine create(KubernetesClient client) {
    return create(client, ClientOptions.DEFAULTS);
  }

  /** An engine over {@code client}, calling it through a core client with {@code options}. */
  public static Engine create(KubernetesClient client, ClientOptions options) {
    return new Engine(client, ConvergeClient.wrap(client, options), true);
  }

  /**
   * An engine over {@code ops}, which calls {@code client}; the caller keeps and closes both. The
   * engine owns its informers and waiter; {@link #close()} releases them.
   */
  public static Engine create(ConvergeClient ops, KubernetesClient client) {
    return new Engine(client, ops, false);
  }

  /**
   * Reads {@code paths} (files, directories recursively, {@code -} for standard input) and validates
   * the whole set; writes nothing.
   *
   * @param defaultNamespace for namespaced objects without one; null for the client's namespace
   * @throws dev.converge.engine.manifest.InvalidManifestException naming file, document and field
   */
  public ManifestSet load(List<Path> paths, @Nullable String defaultNamespace) {
    ManifestReader reader = new ManifestReader();
    Manifests read = new Manifests(List.of(), List.of());
    for (Path path : paths) {
      read = read.plus(ManifestReader.STDIN.equals(path.toString())
          ? reader.read(ManifestReader.STDIN, System.in) : reader.read(List.of(path)));
    }
    return validate(read, defaultNamespace);
  }

  /** Validates manifests already read, e.g. from memory. */
  public ManifestSet validate(Manifests read, @Nullable String defaultNamespace) {
    String namespace = namespaceOr(defaultNamespace);
    List<ManifestObject> valid = new ManifestValidator(new ServedKinds(client, ops.options().retrier()), namespace)
        .validate(read).orThrow();
    return new ManifestSet(valid, namespace);
  }

  /**
   * Applies {@code set}: widens the ApplySet inventory (when named), applies stage by stage, waits,
   * and prunes members no longer desired (when asked and only when the apply succeeded).
   *
   * With an ApplySet (and not a dry run), runs under its lock: waits for another run holding it,
   * emitting {@link ProgressEvent.LockWaiting}, for up to {@link DeployOptions#lockWait()}.
   *
   * @throws dev.converge.engine.destroy.EmptySetException prune of an empty set not allowed; nothing written
   * @throws dev.converge.engine.inventory.ForeignApplySetException the parent belongs to another tool
   * @throws dev.converge.engine.lock.ApplySetLockedException another run held the lock for all of the wait
   */
  public RunReport apply(ManifestSet set, DeployOptions options, ProgressListener listener) {
    Timings timings = new Timings(listener, System::nanoTime);
    Plan plan = set.plan();
    @Nullable Inventory inventory = inventoryOf(set.defaultNamespace(), options);
    PruneOptions pruneOptions = new PruneOptions(options.allowEmptyPrune());
    // refusals first: a run that will not write takes no lock either
    if (options.prune()) {
      Pruner.requireAllowed(Objects.requireNonNull(inventory), plan, pruneOptions);
    }
    if (inventory != null) {
      inventory.requireOurs();
    }
    return underApplySetLock(inventory, options, timings, lock -> {
      List<ManifestObject> objects = set.objects();
      if (inventory != null) {
        objects = options.dryRunServer() ? inventory.parent().stamp(objects) : inventory.widen(objects);
      }
      Plan stamped = Planner.plan(objects);
      ApplyResult applied = new Applier(ops, waiter, options.concurrency()).apply(stamped, options.applyOptions(), timings);
      @Nullable PruneResult pruned = null;
      if (options.prune() && !options.dryRunServer()) {
        lock.ensureHeld(); // a run that lost its lock may not prune: the new holder's set is not ours
        pruned = new Pruner(destroyer(options)).prune(Objects.requireNonNull(inventory), stamped, applied.succeeded(),
            pruneOptions, k -> timings.on(new ProgressEvent.Pruned(k)));
      }
      return RunReports.ofApply(stamped, applied, pruned, options.waitForReady() && !options.dryRunServer(),
          this::apiVersionOf, timings);
    });
  }

  /** What an apply of {@code set} would change, by server-side dry run against the live objects. */
  public DiffReport diff(ManifestSet set, DeployOptions options) {
    List<ManifestObject> objects = set.objects();
    @Nullable Inventory inventory = inventoryOf(set.defaultNamespace(), options);
    if (inventory != null) {
      // as the apply would send them: with the part-of label
      objects = inventory.parent().stamp(objects);
    }
    // as the apply sends them, so that the digest annotation is no difference
    objects = objects.stream().map(o -> new ManifestObject(AppliedDigest.stamp(o.resource()), o.source())).toList();
    return new Differ(ops, options.force(), ops.options().fieldManager()).diff(Planner.plan(objects));
  }

  /** Deletes the objects of {@code set} in reverse order, waiting until each is gone. */
  public RunReport destroy(ManifestSet set, DeployOptions options, ProgressListener listener) {
    Timings timings = new Timings(listener, System::nanoTime);
    Plan plan = set.plan();
    @Nullable Inventory inventory = inventoryOf(set.defaultNamespace(), options);
    return underApplySetLock(inventory, options, timings, lock -> {
      DestroyResult destroyed = destroyer(options).destroy(plan, k -> timings.on(new ProgressEvent.Deleted(k)));
      RunReport report = RunReports.ofDestroy(plan, destroyed, timings);
      if (inventory == null || !destroyed.succeeded()) {
        return report;
      }
      // what the set no longer lists but the inventory still holds goes too, then the parent
      lock.ensureHeld();
      DestroyResult rest = destroyer(options).destroy(inventory, k -> timings.on(new ProgressEvent.Deleted(k)));
      if (rest.succeeded()) {
        lock.parentDestroyed(); // the Destroyer deletes the parent once every member is gone
      }
      List<ObjectReport> all = new ArrayList<>(report.objects());
      all.addAll(RunReports.ofDestroy(rest, Action.DELETED, this::apiVersionOf, timings).stream()
          .filter(r -> r.action() != Action.ABSENT).toList());
      return new RunReport(RunReports.destroyResult(rest), all, List.of(), timings.total());
    });
  }

  /** Deletes every member of the ApplySet {@code namespace/applySetName}, then its parent. */
  public RunReport destroyApplySet(String applySetName, String namespace, DeployOptions options,
      ProgressListener listener) {
    Timings timings = new Timings(listener, System::nanoTime);
    Inventory inventory = new Inventory(ops, ops.discovery(), versions, ApplySetParent.secret(namespace, applySetName));
    return underApplySetLock(inventory, options, timings, lock -> {
      DestroyResult destroyed = destroyer(options).destroy(inventory, k -> timings.on(new ProgressEvent.Deleted(k)));
      if (destroyed.succeeded()) {
        lock.parentDestroyed(); // the Destroyer deletes the parent once every member is gone
      }
      return new RunReport(RunReports.destroyResult(destroyed),
          RunReports.ofDestroy(destroyed, Action.DELETED, this::apiVersionOf, timings), List.of(), timings.total());
    });
  }

  /** The readiness of each object of {@code set} right now, without waiting. */
  public RunReport status(ManifestSet set) {
    Timings timings = new Timings(ProgressListener.NONE, System::nanoTime);
    List<ObjectReport> objects = new ArrayList<>();
    Instant now = Instant.now();
    for (ManifestObject object : set.plan().objects()) {
      Kind<GenericKubernetesResource> kind = Kind.unstructured(Objects.requireNonNull(object.apiVersion()),
          object.key().kind());
      @Nullable GenericKubernetesResource live = ops.get(kind, object.namespace(), object.key().name()).orElse(null);
      Readiness readiness = live == null ? Readiness.notFound() : ReadinessModel.compute(live, Related.NONE, now);
      String reason = readiness.status() == Status.CURRENT ? "" : readiness.oneLine();
      objects.add(new ObjectReport(object.apiVersion(), object.key().kind(), object.namespace(), object.key().name(),
          Action.OBSERVED, readiness.status(), reason, Duration.ZERO));
    }
    boolean failed = objects.stream().anyMatch(o -> o.status() == Status.FAILED);
    boolean current = objects.stream().allMatch(o -> o.status() == Status.CURRENT);
    return new RunReport(failed ? RunReport.Result.FAILED : current ? RunReport.Result.SUCCESS
        : RunReport.Result.TIMEOUT, objects, List.of(), timings.total());
  }

  /** Waits until every object of {@code set} reaches {@code goal} (READY: CURRENT; DELETED: gone). */
  public RunReport await(ManifestSet set, Goal goal, Duration timeout, ProgressListener listener) {
    Timings timings = new Timings(listener, System::nanoTime);
    Map<ObjectRef, ManifestObject> byRef = new LinkedHashMap<>();
    for (ManifestObject object : set.plan().objects()) {
      byRef.put(new ObjectRef(Objects.requireNonNull(object.apiVersion()), object.key().kind(), object.namespace(),
          object.key().name()), object);
    }
    WaitResult result = waiter.start(byRef.keySet().stream().map(WaitTarget::of).toList(),
        WaitOptions.DEFAULTS.withGoal(goal).withTimeout(timeout).withPerObjectTimeout(timeout),
        e -> {
          ManifestObject object = byRef.get(e.ref());
          if (object != null && goal == Goal.READY && e.readiness().status() == Status.CURRENT) {
            timings.on(new ProgressEvent.Ready(object.key(), e.readiness()));
          }
        }).result().join();
    List<ObjectReport> objects = new ArrayList<>();
    for (ObjectOutcome outcome : result.outcomes()) {
      objects.add(RunReports.ofOutcome(Objects.requireNonNull(byRef.get(outcome.ref())), outcome, timings));
    }
    boolean failed = result.outcomes().stream().anyMatch(o -> o.verdict() == dev.converge.core.status.wait.Verdict.FAILED);
    return new RunReport(failed ? RunReport.Result.FAILED : result.allReached() ? RunReport.Result.SUCCESS
        : RunReport.Result.TIMEOUT, objects, List.of(), timings.total());
  }

  private <T> T underApplySetLock(@Nullable Inventory inventory, DeployOptions options, ProgressListener listener,
      Function<ApplySetLocking.Held, T> work) {
    return ApplySetLocking.run(ops, inventory, options, listener, work);
  }

  private @Nullable Inventory inventoryOf(String namespace, DeployOptions options) {
    return options.applySetName() == null ? null
        : new Inventory(ops, ops.discovery(), versions, ApplySetParent.secret(namespace, options.applySetName()));
  }

  private Destroyer destroyer(DeployOptions options) {
    return new Destroyer(ops, options.timeout(), options.concurrency());
  }

  private String apiVersionOf(ObjectKey key) {
    return versions.of(new GroupKind(key.group(), key.kind())).orElse(key.group().isEmpty() ? "v1" : key.group());
  }

  private String namespaceOr(@Nullable String namespace) {
    if (namespace != null) {
      return namespace;
    }
    String configured = client.getNamespace();
    return configured == null ? "default" : configured;
  }

  /** Stops the engine's informers and waiter, and the core client when the engine created it. */
  @Override
  public void close() {
    waiter.close();
    source.close();
    if (ownsOps) {
      ops.close();
    }
  }
}
