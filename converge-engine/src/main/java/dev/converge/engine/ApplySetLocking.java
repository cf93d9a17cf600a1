package dev.converge.engine;

import dev.converge.core.client.KubeOps;
import dev.converge.engine.inventory.Inventory;
import dev.converge.engine.lock.ApplySetLock;
import dev.converge.engine.lock.ApplySetLockedException;
import dev.converge.engine.lock.LockLostException;
import dev.converge.engine.lock.LockOptions;
import dev.converge.engine.progress.ProgressEvent;
import dev.converge.engine.progress.ProgressListener;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** How the {@link Engine} runs a write under the ApplySet lock of package {@code engine.lock}. */
final class ApplySetLocking {
  /** A run waiting for the ApplySet lock starts within this of its release; one GET per look. */
  private static final Duration LOCK_POLL = Duration.ofMillis(250);

  private ApplySetLocking() {}

  /**
   * Runs {@code work} holding the ApplySet's lock, so that two applies, or an apply and a destroy, of
   * one set never interleave (issue 10): otherwise each would prune the other's objects. No
   * inventory or a server-side dry run: no lock, as nothing is recorded or pruned. {@code work}
   * gets the {@link Held} lock: {@link Held#ensureHeld()} before destructive steps, and {@link
   * Held#parentDestroyed()} once the ApplySet's parent is gone, so that the Lease goes too.
   *
   * @throws ApplySetLockedException when another run held it for all of {@link DeployOptions#lockWait()}
   */
  static <T> T run(KubeOps ops, @Nullable Inventory inventory, DeployOptions options, ProgressListener listener,
      Function<Held, T> work) {
    if (inventory == null || options.dryRunServer()) {
      return work.apply(Held.NONE);
    }
    LockOptions lock = LockOptions.defaults().withHolder(holderIdentity()).withTtl(options.lockTtl());
    ApplySetLock held;
    try {
      held = ApplySetLock.acquire(ops, inventory.parent(), lock);
    } catch (ApplySetLockedException busy) {
      if (options.lockWait().isZero()) {
        throw busy;
      }
      // say who we wait for before waiting: a silent minute looks like a hang
      listener.on(new ProgressEvent.LockWaiting(busy.lease(), busy.holder(), busy.expiresAt(), options.lockWait()));
      held = ApplySetLock.acquire(ops, inventory.parent(), lock.withWait(options.lockWait(), LOCK_POLL));
    }
    Held scope = new Held(held);
    try (ApplySetLock closing = held) {
      T result = work.apply(scope);
      if (scope.parentGone) {
        closing.closeAndDelete(); // then close() finds it closed
      }
      return result;
    }
  }

  /** The lock as the work under it sees it. */
  static final class Held {
    static final Held NONE = new Held(null);
    private final @Nullable ApplySetLock lock;
    private boolean parentGone;

    private Held(@Nullable ApplySetLock lock) {
      this.lock = lock;
    }

    /** @throws LockLostException when the lease was lost (renewals failed for a TTL, or taken over) */
    void ensureHeld() {
      if (lock != null) {
        lock.ensureHeld();
      }
    }

    /** The ApplySet's parent was deleted: delete the Lease instead of releasing it. */
    void parentDestroyed() {
      parentGone = true;
    }
  }

  /** {@code user@host/pid/random}: who holds the lock, for the one waiting on it; unique per run. */
  private static String holderIdentity() {
    return System.getProperty("user.name", "unknown") + "@" + LockOptions.defaultHolder();
  }
}
