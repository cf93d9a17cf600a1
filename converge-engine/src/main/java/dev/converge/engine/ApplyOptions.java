package dev.converge.engine;

import dev.converge.core.status.ReadinessOptions;
import dev.converge.core.status.wait.WaitOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How an apply runs.
 *
 * @param force take ownership of fields other field managers own instead of failing with
 *     FieldManagerConflict
 * @param waitForReady after the last stage, wait until every applied object is CURRENT
 * @param timeout how long that wait may take in all
 * @param perObjectTimeout how long each object may take, counted from the start of the wait
 * @param readiness the readiness model's policy, e.g. how long pods may fail before FAILED
 * @param recreateOnImmutable when the server refuses a change to an immutable field, delete the
 *     object (foreground), wait until it is gone and create it again, instead of failing
 * @param dryRun send every write as a server-side dry run: nothing is stored, nothing is waited for
 */
public record ApplyOptions(
    boolean force, boolean waitForReady, Duration timeout, Duration perObjectTimeout, ReadinessOptions readiness,
    boolean recreateOnImmutable, boolean dryRun) {

  /** No force; wait for all objects, five minutes overall and per object (as the waiter). */
  public static final ApplyOptions DEFAULTS =
      new ApplyOptions(false, true, WaitOptions.DEFAULT_TIMEOUT, WaitOptions.DEFAULT_TIMEOUT,
          ReadinessOptions.DEFAULTS, false, false);

  public ApplyOptions {
    Objects.requireNonNull(timeout, "timeout == null");
    Objects.requireNonNull(perObjectTimeout, "perObjectTimeout == null");
    Objects.requireNonNull(readiness, "readiness == null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout <= 0: " + timeout);
    }
    if (perObjectTimeout.isNegative() || perObjectTimeout.isZero()) {
      throw new IllegalArgumentException("perObjectTimeout <= 0: " + perObjectTimeout);
    }
  }

  /** Without recreate-on-immutable and dry run, as before they existed. */
  public ApplyOptions(
      boolean force, boolean waitForReady, Duration timeout, Duration perObjectTimeout, ReadinessOptions readiness) {
    this(force, waitForReady, timeout, perObjectTimeout, readiness, false, false);
  }

  public ApplyOptions withForce(boolean take) {
    return new ApplyOptions(take, waitForReady, timeout, perObjectTimeout, readiness, recreateOnImmutable, dryRun);
  }

  public ApplyOptions withWait(boolean waitFor) {
    return new ApplyOptions(force, waitFor, timeout, perObjectTimeout, readiness, recreateOnImmutable, dryRun);
  }

  /** Sets both the overall and the per-object timeout. */
  public ApplyOptions withTimeout(Duration overall) {
    return new ApplyOptions(force, waitForReady, overall, overall, readiness, recreateOnImmutable, dryRun);
  }

  public ApplyOptions withPerObjectTimeout(Duration each) {
    return new ApplyOptions(force, waitForReady, timeout, each, readiness, recreateOnImmutable, dryRun);
  }

  public ApplyOptions withReadiness(ReadinessOptions policy) {
    return new ApplyOptions(force, waitForReady, timeout, perObjectTimeout, policy, recreateOnImmutable, dryRun);
  }

  public ApplyOptions withRecreateOnImmutable(boolean recreate) {
    return new ApplyOptions(force, waitForReady, timeout, perObjectTimeout, readiness, recreate, dryRun);
  }

  public ApplyOptions withDryRun(boolean dry) {
    return new ApplyOptions(force, waitForReady, timeout, perObjectTimeout, readiness, recreateOnImmutable, dry);
  }

  WaitOptions waitOptions() {
    return WaitOptions.DEFAULTS.withTimeout(timeout).withPerObjectTimeout(perObjectTimeout).withReadiness(readiness);
  }
}
