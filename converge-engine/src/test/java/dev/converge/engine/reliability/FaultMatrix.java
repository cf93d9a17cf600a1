package dev.converge.engine.reliability;

import dev.converge.core.errors.ConvergeException;
import dev.converge.engine.lock.ApplySetLockedException;
import dev.converge.engine.lock.LockLostException;
import dev.converge.engine.manifest.InvalidManifestException;
import dev.converge.sandbox.faults.FaultHandle;
import dev.converge.sandbox.faults.Faults;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs apply and destroy of a {@link MixedSet} under injected faults and checks, by listing the
 * cluster with a client no fault touches, that nothing was lost, duplicated or wrongly pruned. A run
 * either converges or fails with a typed error; a failed run is re-run without faults, which must
 * converge (no stuck lock, nothing left half-done). Used by {@link FaultMatrixTest} (a few cells) and
 * by {@link FaultMatrixCampaign} (every cell, writes docs/RELIABILITY.md).
 */
final class FaultMatrix implements AutoCloseable {

  enum Operation { APPLY, DESTROY }

  enum Outcome { CONVERGED, FAILED_TYPED, FAILED_UNTYPED, INCONSISTENT, OVER_DEADLINE }

  /** One cell: an operation under one fault kind at one rate, repeated with seeds seed, seed+1, ... */
  record Cell(Operation operation, FaultKind fault, double rate, int runs, long seed) {}

  /** One run's outcome; {@code detail} explains a failure, {@code audit} is the final listing. */
  record Run(Cell cell, int index, Outcome outcome, Duration took, long injected, String detail,
      ClusterAudit audit) {}

  /** A run must end within this, faults and retries included; the wait alone may take 45 s. */
  static final Duration RUN_DEADLINE = Duration.ofSeconds(120);
  static final String FAULTED = "fm-faulted";
  static final String CLEAN = "fm-clean";
  private static final AtomicInteger RUN_IDS = new AtomicInteger();

  private final Faults faults;
  private final KubernetesClient admin;
  private final MatrixEngine faulted;
  private final MatrixEngine clean;
  private final String prefix;

  /** @param prefix keeps run names apart when several matrices share a sandbox */
  FaultMatrix(Config config, Faults faults, String prefix) {
    this.faults = faults;
    this.admin = new KubernetesClientBuilder().withConfig(config).build();
    this.faulted = new MatrixEngine(config, FAULTED);
    this.clean = new MatrixEngine(config, CLEAN);
    this.prefix = prefix;
  }

  List<Run> run(Cell cell) {
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < cell.runs(); i++) {
      runs.add(runOnce(cell, i));
    }
    return runs;
  }

  Run runOnce(Cell cell, int index) {
    MixedSet set = new MixedSet(prefix + RUN_IDS.incrementAndGet());
    admin.resource(new NamespaceBuilder().withNewMetadata().withName(set.home()).endMetadata().build()).create();
    admin.load(new java.io.ByteArrayInputStream(set.bystandersYaml().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .inNamespace(set.home()).create();
    Map<String, String> before = Map.of();
    if (cell.operation() == Operation.DESTROY) {
      clean.apply(set, true);
      before = ClusterAudit.members(admin, set);
    }
    FaultHandle handle = faults.add(cell.fault().spec(cell.rate(), cell.seed() + index, FAULTED));
    long start = System.nanoTime();
    RuntimeException failure = null;
    try {
      if (cell.operation() == Operation.APPLY) {
        faulted.apply(set, true);
        before = ClusterAudit.members(admin, set);
        faulted.apply(set, false);
      } else {
        faulted.destroy(set);
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    long injected = faults.rule(handle).map(r -> r.applied()).orElse(0L);
    faults.remove(handle);
    String detail = failure == null ? "" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    if (failure != null) {
      // Recovery: the same operation without faults must converge; a stuck lock or a half-done
      // state would make it fail.
      try {
        recover(cell.operation(), set);
      } catch (RuntimeException e) {
        return finish(set, new Run(cell, index, Outcome.INCONSISTENT, took, injected,
            detail + "; recovery failed: " + e, audit(cell, set, before)));
      }
    }
    ClusterAudit audit = audit(cell, set, before);
    Outcome outcome = !audit.clean() || (cell.operation() == Operation.DESTROY && audit.parentPresent())
        ? Outcome.INCONSISTENT
        : took.compareTo(RUN_DEADLINE) > 0 ? Outcome.OVER_DEADLINE
        : failure == null ? Outcome.CONVERGED
        : typed(failure) ? Outcome.FAILED_TYPED : Outcome.FAILED_UNTYPED;
    return finish(set, new Run(cell, index, outcome, took, injected, detail, audit));
  }

  private void recover(Operation operation, MixedSet set) {
    if (operation == Operation.APPLY) {
      clean.apply(set, false);
    } else {
      clean.destroy(set);
    }
  }

  private ClusterAudit audit(Cell cell, MixedSet set, Map<String, String> before) {
    List<String> expected = cell.operation() == Operation.APPLY ? set.members(false) : List.of();
    return ClusterAudit.of(admin, set, expected, before);
  }

  private Run finish(MixedSet set, Run run) {
    admin.namespaces().withName(set.app()).delete();
    admin.namespaces().withName(set.home()).delete();
    return run;
  }

  /** Typed: the taxonomy, the lock's errors, invalid input, or a result whose causes all are typed. */
  static boolean typed(Throwable failure) {
    return failure instanceof ConvergeException || failure instanceof ApplySetLockedException
        || failure instanceof LockLostException || failure instanceof InvalidManifestException
        || failure instanceof MatrixEngine.PhaseFailedException p && p.typed();
  }

  @Override
  public void close() {
    admin.close();
  }
}
