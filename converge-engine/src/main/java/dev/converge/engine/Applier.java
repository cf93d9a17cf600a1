package dev.converge.engine;

import dev.converge.core.client.ApplyOption;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.client.DeleteOption;
import dev.converge.core.client.KubeOps;
import dev.converge.core.errors.FieldManagerConflictException;
import dev.converge.core.errors.ImmutableFieldException;
import dev.converge.core.errors.ObjectRef;
import dev.converge.core.status.Status;
import dev.converge.core.status.wait.Goal;
import dev.converge.core.status.wait.ObjectOutcome;
import dev.converge.core.status.wait.ReadinessEvent;
import dev.converge.core.status.wait.ReadinessListener;
import dev.converge.core.status.wait.ReadinessWaiter;
import dev.converge.core.status.wait.WaitHandle;
import dev.converge.core.status.wait.WaitResult;
import dev.converge.core.status.wait.WaitTarget;
import dev.converge.engine.manifest.CrdIndex;
import dev.converge.engine.manifest.ManifestObject;
import dev.converge.engine.manifest.ObjectKey;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.progress.ApplyAction;
import dev.converge.engine.progress.ProgressEvent;
import dev.converge.engine.progress.ProgressListener;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applier applies a {@link Plan} with server-side apply, stage by stage, the objects of a stage
 * concurrently under a bound, and then waits until every applied object is CURRENT. Before the next
 * stage starts, the Namespaces of the stage must be Active and its CRDs Established (through the
 * readiness waiter), so that their dependants are not rejected; one that does not get ready fails
 * its stage. A failed stage ends the apply:
 * later stages depend on it. A FAILED object ends the final wait at once (fail fast).
 *
 * <p>Each object is read live before its apply, so the result (and the {@link ProgressEvent}s)
 * tell created, configured and unchanged objects apart without an extra write; a stage reads its
 * objects with one LIST per kind and namespace ({@link LiveSnapshot}), not a GET each.
 */
public final class Applier {
  private static final Logger log = LoggerFactory.getLogger(Applier.class);

  /**
   * Concurrent writes per stage: enough to hide round trips (at 5 ms each, 1,000 objects take 32
   * rounds, not the 63 of 16 writers: bench engine section), few enough to stay within an API
   * server's per-client fair share (API Priority and Fairness queues the rest, it does not fail).
   */
  public static final int DEFAULT_CONCURRENCY = 32;

  /** The field manager of the core client's defaults. */
  static final String DEFAULT_FIELD_MANAGER = "converge";

  private final KubeOps ops;
  private final ReadinessWaiter waiter;
  private final int concurrency;
  private final String fieldManager;

  public Applier(KubeOps ops, ReadinessWaiter waiter, int concurrency) {
    this(ops, waiter, concurrency, ops instanceof ConvergeClient c ? c.options().fieldManager() : DEFAULT_FIELD_MANAGER);
  }

  /**
   * @param fieldManager the manager {@code ops} applies as; drift repair recognises the objects
   *     it applied before by it
   */
  public Applier(KubeOps ops, ReadinessWaiter waiter, int concurrency, String fieldManager) {
    this.fieldManager = Objects.requireNonNull(fieldManager, "fieldManager == null");
    this.ops = Objects.requireNonNull(ops, "ops == null");
    this.waiter = Objects.requireNonNull(waiter, "waiter == null");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency < 1: " + concurrency);
    }
    this.concurrency = concurrency;
  }

  /** Applies without waiting for readiness; {@code force} when {@link ApplyOption#force()} is given. */
  public ApplyResult apply(Plan plan, ApplyOption... options) {
    boolean force = Arrays.stream(options).anyMatch(o -> o instanceof ApplyOption.Force);
    return apply(plan, ApplyOptions.DEFAULTS.withWait(false).withForce(force), ProgressListener.NONE);
  }

  public ApplyResult apply(Plan plan, ApplyOptions options, ProgressListener listener) {
    Emitter emit = new Emitter(listener);
    emit.on(new ProgressEvent.Planned(plan.stages().stream()
        .map(s -> s.objects().stream().map(ManifestObject::key).toList()).toList()));
    List<ApplyOption> flags = new ArrayList<>();
    if (options.force()) {
      flags.add(ApplyOption.force());
    }
    if (options.dryRun()) {
      flags.add(ApplyOption.dryRun());
    }
    ApplyOption[] writeOptions = flags.toArray(ApplyOption[]::new);
    List<ObjectKey> applied = new ArrayList<>();
    Map<ObjectKey, ApplyAction> actions = new LinkedHashMap<>();
    Map<ObjectKey, HasMetadata> live = new LinkedHashMap<>();
    Map<ObjectKey, RuntimeException> failed = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      for (Plan.Stage stage : plan.stages()) {
        Map<ManifestObject, CompletableFuture<Landed>> writes = new LinkedHashMap<>();
        LiveSnapshot snapshot = LiveSnapshot.read(ops, stage.objects());
        for (ManifestObject object : stage.objects()) {
          writes.put(object, CompletableFuture.supplyAsync(() -> land(object, snapshot, writeOptions, options, emit), pool));
        }
        Map<ObjectKey, HasMetadata> gates = new LinkedHashMap<>();
        writes.forEach((object, write) -> {
          try {
            Landed landed = write.join();
            applied.add(object.key());
            actions.put(object.key(), landed.action());
            live.put(object.key(), landed.live());
            if (gatesDependants(object)) {
              gates.put(object.key(), landed.live());
            }
          } catch (CompletionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
            failed.put(object.key(), cause);
            emit.on(new ProgressEvent.Failed(object.key(), cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause));
          }
        });
        if (failed.isEmpty() && !gates.isEmpty()) {
          // Namespaces Active, CRDs Established: otherwise their dependants are rejected
          failed.putAll(awaitGates(gates, options, emit));
        }
        if (!failed.isEmpty()) {
          log.debug("stage {} failed; {} later stages not applied", stage.index(), plan.stages().size() - stage.index() - 1);
          break;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<NotCurrent> notCurrent = failed.isEmpty() && options.waitForReady() && !options.dryRun() && !live.isEmpty()
        ? awaitCurrent(live, options, emit)
        : List.of();
    return new ApplyResult(applied, actions, failed, notCurrent);
  }

  private record Landed(HasMetadata live, ApplyAction action) {}

  /**
   * Reads the object live, applies it, and tells whether the apply changed it. A conflict that is
   * drift is repaired by forcing; an immutable field recreates the object when asked.
   */
  private Landed land(
      ManifestObject object, LiveSnapshot snapshot, ApplyOption[] writeOptions, ApplyOptions options, Emitter emit) {
    GenericKubernetesResource desired = AppliedDigest.stamp(object.resource());
    @Nullable HasMetadata before = snapshot.before(object);
    if (before != null && before.getMetadata().getDeletionTimestamp() != null && !options.dryRun()) {
      // applying to an object being deleted changes nothing (and a terminating Namespace refuses
      // new content): wait until it is gone, then create it anew
      awaitGone(object.key(), before, options);
      before = null;
    }
    if (!options.force() && !options.dryRun() && AppliedDigest.unchanged(before, desired)) {
      // the same configuration, every value still live: an apply would store nothing
      emit.on(new ProgressEvent.Applied(object.key(), ApplyAction.UNCHANGED));
      return new Landed(before, ApplyAction.UNCHANGED);
    }
    HasMetadata after;
    ApplyAction action;
    try {
      after = ops.apply(desired, writeOptions);
      action = ChangeDetector.classify(before, after);
    } catch (FieldManagerConflictException e) {
      if (!DriftPolicy.isDrift(before, e, fieldManager)) {
        throw e;
      }
      log.debug("{}: fields {} changed out of band by {}; re-applying with force", object.key(), e.fields(), e.managers());
      after = ops.apply(desired, withForce(writeOptions));
      action = ChangeDetector.classify(before, after);
    } catch (ImmutableFieldException e) {
      if (!options.recreateOnImmutable() || options.dryRun() || before == null) {
        throw e;
      }
      log.debug("{}: immutable {} changed; deleting and recreating", object.key(), e.fields());
      // foreground: the owned objects (pods of a Job) go first, so the new object starts clean
      ops.delete(before, DeleteOption.propagation(DeletionPropagation.FOREGROUND),
          DeleteOption.waitUntilGone(options.perObjectTimeout()));
      after = ops.apply(desired, writeOptions);
      action = ApplyAction.RECREATED;
    }
    emit.on(new ProgressEvent.Applied(object.key(), action));
    return new Landed(after, action);
  }

  private void awaitGone(ObjectKey key, HasMetadata terminating, ApplyOptions options) {
    log.debug("{} is being deleted; waiting until it is gone before applying", key);
    WaitResult gone = waiter.start(List.of(WaitTarget.of(terminating)),
        options.waitOptions().withGoal(Goal.DELETED), ReadinessListener.NONE).result().join();
    gone.notReached().stream().findFirst().ifPresent(o -> {
      throw o.toException();
    });
  }

  private static ApplyOption[] withForce(ApplyOption[] options) {
    List<ApplyOption> forced = new ArrayList<>(Arrays.asList(options));
    forced.add(ApplyOption.force());
    return forced.toArray(ApplyOption[]::new);
  }

  /** Waits for a stage's Namespaces and CRDs; returns those that did not get ready, with why. */
  private Map<ObjectKey, RuntimeException> awaitGates(
      Map<ObjectKey, HasMetadata> gates, ApplyOptions options, Emitter emit) {
    Map<ObjectRef, ObjectKey> keys = new LinkedHashMap<>();
    gates.forEach((key, obj) -> keys.put(WaitTarget.of(obj).ref(), key));
    WaitResult result = waiter.start(gates.values().stream().map(WaitTarget::of).toList(), options.waitOptions(),
        ReadinessListener.NONE).result().join();
    Map<ObjectKey, RuntimeException> notReady = new LinkedHashMap<>();
    for (ObjectOutcome outcome : result.notReached()) {
      ObjectKey key = Objects.requireNonNull(keys.get(outcome.ref()), "outcome for an object not waited for");
      RuntimeException why = outcome.toException();
      notReady.put(key, why);
      emit.on(new ProgressEvent.Failed(key, outcome.oneLine(), why));
    }
    return notReady;
  }

  /** Waits until every object is CURRENT; a FAILED one ends the wait for all (fail fast). */
  private List<NotCurrent> awaitCurrent(Map<ObjectKey, HasMetadata> live, ApplyOptions options, Emitter emit) {
    Map<ObjectRef, ObjectKey> keys = new LinkedHashMap<>();
    List<WaitTarget> targets = new ArrayList<>();
    live.forEach((key, obj) -> {
      WaitTarget target = WaitTarget.of(obj);
      keys.put(target.ref(), key);
      targets.add(target);
      emit.on(new ProgressEvent.Waiting(key));
    });
    Set<ObjectKey> ready = ConcurrentHashMap.newKeySet();
    CompletableFuture<Void> failedFast = new CompletableFuture<>();
    WaitHandle handle = waiter.start(targets, options.waitOptions(), (ReadinessEvent e) -> {
      ObjectKey key = keys.get(e.ref());
      if (key == null) {
        return;
      }
      if (e.readiness().status() == Status.CURRENT && ready.add(key)) {
        emit.on(new ProgressEvent.Ready(key, e.readiness()));
      } else if (e.readiness().status() == Status.FAILED) {
        failedFast.complete(null);
      }
    });
    CompletableFuture.anyOf(handle.result(), failedFast).join();
    handle.cancel();
    WaitResult result = handle.result().join();
    List<NotCurrent> notCurrent = new ArrayList<>();
    for (ObjectOutcome outcome : result.outcomes()) {
      ObjectKey key = Objects.requireNonNull(keys.get(outcome.ref()), "outcome for an object not waited for");
      if (outcome.reached()) {
        if (ready.add(key)) {
          emit.on(new ProgressEvent.Ready(key, outcome.last()));
        }
        continue;
      }
      NotCurrent missed = NotCurrent.of(key, outcome);
      notCurrent.add(missed);
      emit.on(new ProgressEvent.Failed(key, missed.oneLine(), outcome.toException()));
    }
    return notCurrent;
  }

  private static boolean gatesDependants(ManifestObject object) {
    return CrdIndex.isCrd(object) || (object.group().isEmpty() && "Namespace".equals(object.kind()));
  }

  /** Serializes events from pool and watch threads, so the listener sees one order. */
  private record Emitter(ProgressListener listener) {
    synchronized void on(ProgressEvent event) {
      try {
        listener.on(event);
      } catch (RuntimeException e) {
        log.warn("progress listener failed on {}", event, e);
      }
    }
  }
}
