package dev.converge.engine.lock;

import dev.converge.core.client.Kind;
import dev.converge.core.client.DeleteOption;
import dev.converge.core.client.KubeOps;
import dev.converge.core.errors.AlreadyExistsException;
import dev.converge.core.errors.ConflictException;
import dev.converge.core.errors.NotFoundException;
import dev.converge.engine.inventory.ApplySetParent;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock of one ApplySet, held as a Lease in the parent's namespace (see the package docs). {@link
 * #acquire} takes it or fails with {@link ApplySetLockedException}; a daemon thread renews it every
 * {@link LockOptions#renewEvery()}; {@link #close()} stops renewing and releases it.
 */
public final class ApplySetLock implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApplySetLock.class);
  static final Kind<Lease> LEASE = Kind.of(Lease.class);
  /** A Lease deleted or created between our read and our write: look again, a few times at most. */
  private static final int MAX_RACES_PER_ROUND = 5;

  private final KubeOps ops;
  private final LockOptions options;
  private final String ref;
  private final ScheduledExecutorService renewer;
  private volatile Lease lease;
  private volatile Instant renewed;
  private volatile @Nullable String lost;
  private boolean closed;

  private ApplySetLock(KubeOps ops, Lease lease, LockOptions options) {
    this.ops = ops;
    this.options = options;
    this.lease = lease;
    this.ref = lease.getMetadata().getNamespace() + "/" + lease.getMetadata().getName();
    this.renewed = options.clock().instant();
    this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "applyset-lock-renewal " + ref);
      t.setDaemon(true);
      return t;
    });
    long every = options.renewEvery().toMillis();
    renewer.scheduleWithFixedDelay(this::renewQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lock of {@code parent}'s ApplySet: creates its Lease, or takes it over when free,
   * released or expired. While another holder's lease is live, looks again every {@link
   * LockOptions#pollEvery()} for up to {@link LockOptions#waitFor()}.
   *
   * @throws ApplySetLockedException naming the live holder when the wait ran out
   * @throws dev.converge.core.errors.ConvergeException when the API calls fail (e.g. 403 on leases)
   */
  public static ApplySetLock acquire(KubeOps ops, ApplySetParent parent, LockOptions options) {
    String name = LeaseClaim.leaseName(parent.id());
    String ref = parent.namespace() + "/" + name;
    Instant start = options.clock().instant();
    Instant deadline = start.plus(options.waitFor());
    while (true) {
      LeaseClaim.Holding blocker;
      try {
        return new ApplySetLock(ops, take(ops, parent, name, options), options);
      } catch (LeaseClaim.HeldElsewhere held) {
        blocker = held.holding;
      }
      Instant now = options.clock().instant();
      if (!now.isBefore(deadline)) {
        throw new ApplySetLockedException(ref, String.valueOf(blocker.holder()), blocker.expiresAt(),
            Duration.between(start, now));
      }
      Duration remaining = Duration.between(now, deadline);
      try {
        options.sleeper().sleep(remaining.compareTo(options.pollEvery()) < 0 ? remaining : options.pollEvery());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApplySetLockedException(ref, String.valueOf(blocker.holder()), blocker.expiresAt(),
            Duration.between(start, options.clock().instant()));
      }
    }
  }

  /**
   * One look at the Lease: creates it when absent, else a compare-and-swap takeover (the update
   * re-reads on Conflict and re-checks the holder, so of two racers only the first write wins).
   *
   * @throws LeaseClaim.HeldElsewhere when a live holder blocks us
   */
  private static Lease take(KubeOps ops, ApplySetParent parent, String name, LockOptions options) {
    String me = options.holder();
    RuntimeException race = null;
    for (int i = 0; i < MAX_RACES_PER_ROUND; i++) {
      Optional<Lease> current = ops.get(LEASE, parent.namespace(), name);
      try {
        if (current.isEmpty()) {
          // The create carries a create token: a retried POST whose first attempt was committed
          // reads back as ours instead of as AlreadyExists.
          return ops.create(LeaseClaim.create(parent.namespace(), name, parent.id(), me,
              options.clock().instant(), options.ttl()));
        }
        return ops.update(current.get(), l -> LeaseClaim.take(l, me, options.clock().instant(), options.ttl()));
      } catch (AlreadyExistsException | NotFoundException e) {
        // Someone created or deleted it since our read: read again.
        race = e;
      }
    }
    throw race;
  }

  /** {@code namespace/name} of the Lease. */
  public String lease() {
    return ref;
  }

  /** Who holds the Lease as last written by this lock, and until when. */
  public LeaseClaim.Holding holding() {
    return LeaseClaim.holding(lease);
  }

  /**
   * Fails when the lock was lost: taken over after renewals lapsed, or not renewed for a TTL.
   *
   * @throws LockLostException saying why
   */
  public void ensureHeld() {
    String why = lost;
    if (why == null && !options.clock().instant().isBefore(renewed.plus(options.ttl()))) {
      why = "not renewed for " + options.ttl().toSeconds() + " s (the TTL)";
    }
    if (why != null) {
      throw new LockLostException(ref, why);
    }
  }

  /** Writes a fresh renewTime now; the background renewal calls this. */
  void renew() {
    Instant now = options.clock().instant();
    try {
      lease = ops.update(lease, l -> LeaseClaim.renew(l, options.holder(), now));
      renewed = now;
    } catch (LeaseClaim.NotOurs e) {
      lost = "taken over by " + e.holding.holder();
    }
  }

  private void renewQuietly() {
    try {
      renew();
    } catch (RuntimeException e) {
      // The next renewal may succeed; ensureHeld() reports the loss once a whole TTL went by.
      LOG.warn("could not renew the ApplySet lock {}: {}", ref, e.getMessage());
    }
  }

  /** Stops renewing and releases the Lease, so the next run need not wait for the TTL. */
  @Override
  public synchronized void close() {
    if (!stopRenewing()) {
      return;
    }
    try {
      ops.update(lease, l -> LeaseClaim.release(l, options.holder(), options.clock().instant()));
    } catch (LeaseClaim.NotOurs | NotFoundException e) {
      LOG.debug("ApplySet lock {} was no longer ours to release: {}", ref, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("could not release the ApplySet lock {} ({}); it lapses after its TTL of {} s", ref,
          e.getMessage(), options.ttl().toSeconds());
    }
  }

  /**
   * Stops renewing and deletes the Lease, for an ApplySet whose parent was destroyed: a released
   * Lease of a set that no longer exists would stay forever (issue 10). Deletes only while the Lease
   * is still ours: the delete is conditional on the resourceVersion of our last write, and a Lease
   * another run took over (renewals lapsed) is left alone.
   */
  public synchronized void closeAndDelete() {
    if (!stopRenewing()) {
      return;
    }
    try {
      ops.delete(lease, DeleteOption.ifUnchanged());
    } catch (NotFoundException e) {
      LOG.debug("ApplySet lock {} was already gone", ref);
    } catch (ConflictException e) {
      // Written since our last renewal: delete it only if it is still ours, else leave it to its holder.
      deleteIfStillOurs();
    } catch (RuntimeException e) {
      // The destroy itself succeeded: a Lease left behind is released by its TTL, not a failure.
      LOG.warn("could not delete the ApplySet lock {} ({}); it lapses after its TTL of {} s", ref,
          e.getMessage(), options.ttl().toSeconds());
    }
  }

  private void deleteIfStillOurs() {
    try {
      Optional<Lease> current = ops.get(LEASE, lease.getMetadata().getNamespace(), lease.getMetadata().getName());
      if (current.isPresent() && options.holder().equals(LeaseClaim.holding(current.get()).holder())) {
        ops.delete(current.get(), DeleteOption.ifUnchanged());
      } else {
        LOG.debug("ApplySet lock {} is no longer ours; left to its holder", ref);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not delete the ApplySet lock {} ({}); it lapses after its TTL of {} s", ref,
          e.getMessage(), options.ttl().toSeconds());
    }
  }

  /** Stops the renewal thread; true when this lock was open and still ours to release. */
  private boolean stopRenewing() {
    if (closed) {
      return false;
    }
    closed = true;
    renewer.shutdownNow();
    try {
      renewer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return lost == null;
  }
}
