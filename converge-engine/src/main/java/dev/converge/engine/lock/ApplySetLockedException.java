package dev.converge.engine.lock;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Another run holds the ApplySet's lock and renewed it within its TTL: applying or destroying now
 * could prune that run's objects or interleave with its writes. Says who holds it and when it would
 * lapse if that run has crashed.
 */
public final class ApplySetLockedException extends RuntimeException {

  private final String lease;
  private final String holder;
  private final @Nullable Instant expiresAt;
  private final Duration waited;

  ApplySetLockedException(String lease, String holder, @Nullable Instant expiresAt, Duration waited) {
    super("ApplySet is locked by " + holder + " (Lease " + lease + ")"
        + (expiresAt == null ? "" : ", renewed until " + expiresAt)
        + (waited.isZero() ? "" : "; waited " + waited.toMillis() + " ms")
        + "; another apply or destroy of this set is running. Retry when it ends; if that run"
        + " crashed, its lock lapses at the TTL and the next run takes it over");
    this.lease = lease;
    this.holder = holder;
    this.expiresAt = expiresAt;
    this.waited = waited;
  }

  /** {@code namespace/name} of the Lease. */
  public String lease() {
    return lease;
  }

  public String holder() {
    return holder;
  }

  public @Nullable Instant expiresAt() {
    return expiresAt;
  }

  public Duration waited() {
    return waited;
  }
}
