package dev.converge.engine;

import dev.converge.core.status.ReadinessOptions;
import dev.converge.core.status.wait.WaitOptions;
import dev.converge.engine.lock.LockOptions;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the {@link Engine} deploys, diffs or destroys a set; one value for every command, so the CLI
 * maps its flags once.
 *
 * @param applySetName the ApplySet parent Secret (in the set's default namespace), or null for no
 *     inventory
 * @param prune after a successful apply, delete the set's members that are no longer desired; needs
 *     {@code applySetName} (as {@code kubectl apply --prune --applyset})
 * @param allowEmptyPrune let an empty set prune every member (refused otherwise)
 * @param waitForReady wait until every applied object is CURRENT (apply), or gone (destroy)
 * @param timeout how long that wait may take; also each delete's wait
 * @param force take ownership of fields other appliers own instead of failing with
 *     FieldManagerConflict
 * @param recreateOnImmutable delete, wait and recreate an object whose immutable field changed
 * @param dryRunServer send writes as server-side dry runs: nothing is stored, waited for or pruned
 * @param concurrency concurrent writes within a stage
 * @param readiness the readiness policy, e.g. how long pods may fail before the object is FAILED
 * @param lockWait with an ApplySet, how long an apply or destroy waits for another run's lock on it
 *     before failing with {@code ApplySetLockedException}; zero fails at once
 * @param lockTtl the TTL this run writes into its ApplySet Lease: how long after its last renewal a
 *     crashed run blocks the next one; whole seconds
 */
public record DeployOptions(
    @Nullable String applySetName,
    boolean prune,
    boolean allowEmptyPrune,
    boolean waitForReady,
    Duration timeout,
    boolean force,
    boolean recreateOnImmutable,
    boolean dryRunServer,
    int concurrency,
    ReadinessOptions readiness,
    Duration lockWait,
    Duration lockTtl) {

  /**
   * 60 s: two TTLs, so a run that crashed holding the lock is taken over within the wait, and an
   * apply of a typical set by another run (seconds to a minute) ends within it.
   */
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);

  /**
   * No inventory, no prune, wait five minutes, no force, 16 concurrent writes; an ApplySet lock with
   * the default TTL (30 s), waited for up to {@link #DEFAULT_LOCK_WAIT}.
   */
  public static final DeployOptions DEFAULTS = new DeployOptions(null, false, false, true,
      WaitOptions.DEFAULT_TIMEOUT, false, false, false, Applier.DEFAULT_CONCURRENCY, ReadinessOptions.DEFAULTS,
      DEFAULT_LOCK_WAIT, LockOptions.DEFAULT_TTL);

  public DeployOptions {
    Objects.requireNonNull(timeout, "timeout == null");
    Objects.requireNonNull(readiness, "readiness == null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout <= 0: " + timeout);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency < 1: " + concurrency);
    }
    if (applySetName != null && applySetName.isBlank()) {
      throw new IllegalArgumentException("applySetName is blank");
    }
    Objects.requireNonNull(lockWait, "lockWait == null");
    if (lockWait.isNegative()) {
      throw new IllegalArgumentException("lockWait < 0: " + lockWait);
    }
    Objects.requireNonNull(lockTtl, "lockTtl == null");
    if (lockTtl.toMillis() < 1000 || lockTtl.toMillis() % 1000 != 0) {
      // written as leaseDurationSeconds
      throw new IllegalArgumentException("lockTtl must be whole seconds, at least 1: " + lockTtl);
    }
    if (prune && applySetName == null) {
      // as kubectl: without an inventory there is no telling which objects are ours to delete
      throw new IllegalArgumentException("prune needs an ApplySet name (--applyset)");
    }
  }

  public DeployOptions withApplySet(@Nullable String name) {
    return new DeployOptions(name, prune, allowEmptyPrune, waitForReady, timeout, force, recreateOnImmutable,
        dryRunServer, concurrency, readiness, lockWait, lockTtl);
  }

  /** With an ApplySet {@code name} and prune on. */
  public DeployOptions withPrune(String name) {
    return new DeployOptions(name, true, allowEmptyPrune, waitForReady, timeout, force, recreateOnImmutable,
        dryRunServer, concurrency, readiness, lockWait, lockTtl);
  }

  public DeployOptions withPrune(boolean on) {
    return new DeployOptions(applySetName, on, allowEmptyPrune, waitForReady, timeout, force, recreateOnImmutable,
        dryRunServer, concurrency, readiness, lockWait, lockTtl);
  }

  public DeployOptions withAllowEmptyPrune(boolean allow) {
    return new DeployOptions(applySetName, prune, allow, waitForReady, timeout, force, recreateOnImmutable,
        dryRunServer, concurrency, readiness, lockWait, lockTtl);
  }

  public DeployOptions withWait(boolean waitFor) {
    return new DeployOptions(applySetName, prune, allowEmptyPrune, waitFor, timeout, force, recreateOnImmutable,
        dryRunServer, concurrency, readiness, lockWait, lockTtl);
  }

  public DeployOptions withTimeout(Duration overall) {
    return new DeployOptions(applySetName, prune, allowEmptyPrune, waitForReady, overall, force, recreateOnImmutable,
        dryRunServer, concurrency, readiness, lockWait, lockTtl);
  }

  public DeployOptions withForce(boolean take) {
    return new DeployOptions(applySetName, prune, allowEmptyPrune, waitForReady, timeout, take, recreateOnImmutable,
        dryRunServer, concurrency, readiness, lockWait, lockTtl);
  }

  public DeployOptions withRecreateOnImmutable(boolean recreate) {
    return new DeployOptions(applySetName, prune, allowEmptyPrune, waitForReady, timeout, force, recreate,
        dryRunServer, concurrency, readiness, lockWait, lockTtl);
  }

  public DeployOptions withDryRunServer(boolean dry) {
    return new DeployOptions(applySetName, prune, allowEmptyPrune, waitForReady, timeout, force, recreateOnImmutable,
        dry, concurrency, readiness, lockWait, lockTtl);
  }

  public DeployOptions withConcurrency(int writers) {
    return new DeployOptions(applySetName, prune, allowEmptyPrune, waitForReady, timeout, force, recreateOnImmutable,
        dryRunServer, writers, readiness, lockWait, lockTtl);
  }

  public DeployOptions withReadiness(ReadinessOptions policy) {
    return new DeployOptions(applySetName, prune, allowEmptyPrune, waitForReady, timeout, force, recreateOnImmutable,
        dryRunServer, concurrency, policy, lockWait, lockTtl);
  }

  /** Wait up to {@code value} for another run's lock on the ApplySet; zero fails at once. */
  public DeployOptions withLockWait(Duration value) {
    return new DeployOptions(applySetName, prune, allowEmptyPrune, waitForReady, timeout, force, recreateOnImmutable,
        dryRunServer, concurrency, readiness, value, lockTtl);
  }

  /** Write {@code value} as this run's Lease TTL (tests use a short one to show crash takeover). */
  public DeployOptions withLockTtl(Duration value) {
    return new DeployOptions(applySetName, prune, allowEmptyPrune, waitForReady, timeout, force, recreateOnImmutable,
        dryRunServer, concurrency, readiness, lockWait, value);
  }

  ApplyOptions applyOptions() {
    return ApplyOptions.DEFAULTS.withTimeout(timeout).withForce(force).withWait(waitForReady)
        .withReadiness(readiness).withRecreateOnImmutable(recreateOnImmutable).withDryRun(dryRunServer);
  }
}
