package dev.converge.engine.lock;

import dev.converge.core.retry.Sleeper;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How an {@link ApplySetLock} is taken and kept. Immutable; variants come from the {@code with}
 * methods.
 *
 * @param holder this run's identity, written to {@code spec.holderIdentity} and named in errors
 * @param ttl {@code spec.leaseDurationSeconds}: how long after its last renewal a holder counts as
 *     crashed; whole seconds, at least one
 * @param renewEvery how often the background renewal writes {@code renewTime}; well under the TTL
 * @param waitFor how long {@code acquire} waits for a live holder before failing; zero fails at once
 * @param pollEvery how often a waiting {@code acquire} looks at the Lease again
 * @param clock the time source for every timestamp and expiry decision
 * @param sleeper how a waiting {@code acquire} waits; tests pass one that advances a fake clock
 */
public record LockOptions(String holder, Duration ttl, Duration renewEvery, Duration waitFor,
    Duration pollEvery, Clock clock, Sleeper sleeper) {

  /**
   * 30 s: long enough that a run stalled by a GC pause or a slow API server keeps its lock through
   * several missed renewals, short enough that a crashed run blocks the next one only briefly
   * (client-go leader election uses 15 s with 10 s renew deadlines for controllers).
   */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
  /** Three renewals per TTL, so two may fail (e.g. a 503 burst) before the lease lapses. */
  public static final int RENEWALS_PER_TTL = 3;
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

  public LockOptions {
    Objects.requireNonNull(holder, "holder == null");
    if (holder.isBlank()) {
      throw new IllegalArgumentException("holder is blank");
    }
    requirePositive(ttl, "ttl");
    if (ttl.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("ttl must be whole seconds (leaseDurationSeconds): " + ttl);
    }
    requirePositive(renewEvery, "renewEvery");
    if (renewEvery.compareTo(ttl) >= 0) {
      throw new IllegalArgumentException("renewEvery " + renewEvery + " >= ttl " + ttl
          + ": the lease would lapse between renewals");
    }
    Objects.requireNonNull(waitFor, "waitFor == null");
    if (waitFor.isNegative()) {
      throw new IllegalArgumentException("waitFor < 0: " + waitFor);
    }
    requirePositive(pollEvery, "pollEvery");
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(sleeper, "sleeper == null");
  }

  /** A fresh holder identity, TTL 30 s renewed every 10 s, no waiting, system clock. */
  public static LockOptions defaults() {
    return new LockOptions(defaultHolder(), DEFAULT_TTL, DEFAULT_TTL.dividedBy(RENEWALS_PER_TTL),
        Duration.ZERO, DEFAULT_POLL, Clock.systemUTC(), Sleeper.SYSTEM);
  }

  /** {@code host/pid/random}: unique per run, and says where the holder runs. */
  public static String defaultHolder() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    String pid = ManagementFactory.getRuntimeMXBean().getName().split("@")[0];
    return host + "/" + pid + "/" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
  }

  public LockOptions withHolder(String value) {
    return new LockOptions(value, ttl, renewEvery, waitFor, pollEvery, clock, sleeper);
  }

  /** A TTL of {@code value}, renewed {@value #RENEWALS_PER_TTL} times per TTL. */
  public LockOptions withTtl(Duration value) {
    return new LockOptions(holder, value, value.dividedBy(RENEWALS_PER_TTL), waitFor, pollEvery, clock, sleeper);
  }

  public LockOptions withRenewEvery(Duration value) {
    return new LockOptions(holder, ttl, value, waitFor, pollEvery, clock, sleeper);
  }

  /** Wait up to {@code value} for a live holder, looking again every {@code poll}. */
  public LockOptions withWait(Duration value, Duration poll) {
    return new LockOptions(holder, ttl, renewEvery, value, poll, clock, sleeper);
  }

  public LockOptions withClock(Clock value, Sleeper sleeperValue) {
    return new LockOptions(holder, ttl, renewEvery, waitFor, pollEvery, value, sleeperValue);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name + " == null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " <= 0: " + d);
    }
  }
}
