package dev.converge.sandbox.controllers.runtime;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WorkQueue runs reconciliations on the worker threads of a scheduled executor with client-go's
 * guarantees: at most one pending run per key (a burst of events for an object becomes one
 * reconciliation), after the kind's extra delay, and never one key on two threads at once. A key
 * that comes due while it is being reconciled is marked dirty and runs again right after the
 * current run, so the last change is never lost. Keys of paused kinds or objects are parked, not
 * run, and come back on resume. Failures retry with a doubling back-off, like client-go's
 * rate-limited queue.
 */
public final class WorkQueue {
  private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);
  /** A conflict means someone wrote first: look again almost at once. */
  private static final Duration CONFLICT_RETRY = Duration.ofMillis(20);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final ScheduledExecutorService executor;
  private final Pauses pauses;
  private final Map<String, Reconciler> reconcilers;
  /** Guards pending, processing, dirty and parked, which change together. */
  private final Object lock = new Object();
  /** Due time (nanoTime) of each key's pending run. */
  private final Map<Key, Long> pending = new HashMap<>();
  /** Keys being reconciled now, each on one worker (client-go's "processing" set). */
  private final Set<Key> processing = new HashSet<>();
  /** Keys that came due while being reconciled: they run again once that run ends. */
  private final Set<Key> dirty = new HashSet<>();
  private final Set<Key> parked = new HashSet<>();
  /** Only the worker reconciling a key touches its count. */
  private final Map<Key, Integer> failures = new ConcurrentHashMap<>();

  /**
   * @param executor runs the reconciliations; its thread count is the number of workers
   */
  public WorkQueue(ScheduledExecutorService executor, Pauses pauses,
      Map<String, Reconciler> reconcilers) {
    this.executor = executor;
    this.pauses = pauses;
    this.reconcilers = Map.copyOf(reconcilers);
  }

  /** Whether some reconciler owns {@code kind}. */
  public boolean handles(String kind) {
    return reconcilers.containsKey(kind);
  }

  public void add(Key key) {
    addAfter(key, Duration.ZERO);
  }

  /** Runs the key after {@code delay} plus its kind's extra delay, unless one is due sooner. */
  public void addAfter(Key key, Duration delay) {
    if (handles(key.kind())) {
      schedule(key, delay.plus(pauses.extraDelay(key.kind())).toNanos());
    }
  }

  /** Re-adds the parked keys that are no longer paused. */
  public void unpark() {
    Set<Key> free = new HashSet<>();
    synchronized (lock) {
      parked.removeIf(key -> !pauses.isPaused(key) && free.add(key));
    }
    free.forEach(this::add);
  }

  private void schedule(Key key, long delayNanos) {
    long due = System.nanoTime() + delayNanos;
    boolean added;
    synchronized (lock) {
      added = offer(key, due);
    }
    if (added) {
      start(key, due, delayNanos);
    }
  }

  /** Makes {@code due} the key's pending run unless one is due sooner; caller holds the lock. */
  private boolean offer(Key key, long due) {
    Long before = pending.get(key);
    if (before != null && before - due <= 0) {
      return false;
    }
    pending.put(key, due);
    return true;
  }

  private void start(Key key, long due, long delayNanos) {
    try {
      executor.schedule(() -> due(key, due), delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Shutting down: nothing runs any more.
    }
  }

  /** A scheduled run came due: reconcile now, unless it was replaced, is busy or paused. */
  private void due(Key key, long due) {
    synchronized (lock) {
      // A later addAfter with an earlier due time replaced this run.
      if (!pending.remove(key, due)) {
        return;
      }
      // Another worker reconciles this key: it runs it again when it is done.
      if (processing.contains(key)) {
        dirty.add(key);
        return;
      }
      if (pauses.isPaused(key)) {
        parked.add(key);
        return;
      }
      processing.add(key);
    }
    try {
      reconcile(key);
    } finally {
      done(key);
    }
  }

  /**
   * Ends a run; a key that came due meanwhile runs again now (its extra delay was waited for
   * already), in the same critical section so that no other due run slips in between.
   */
  private void done(Key key) {
    long now = System.nanoTime();
    boolean again;
    synchronized (lock) {
      processing.remove(key);
      again = dirty.remove(key) && offer(key, now);
    }
    if (again) {
      start(key, now, 0);
    }
  }

  private void reconcile(Key key) {
    Reconciler reconciler = reconcilers.get(key.kind());
    try {
      Optional<Duration> again = reconciler.reconcile(key.namespace(), key.name());
      failures.remove(key);
      again.ifPresent(d -> addAfter(key, d));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        addAfter(key, CONFLICT_RETRY);
      } else {
        retry(key, e);
      }
    } catch (RuntimeException e) {
      retry(key, e);
    }
  }

  private void retry(Key key, RuntimeException e) {
    int n = failures.merge(key, 1, Integer::sum);
    Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(n - 1, 6));
    if (backoff.compareTo(MAX_BACKOFF) > 0) {
      backoff = MAX_BACKOFF;
    }
    LOG.debug("reconciling {} failed (attempt {}), retrying in {}: {}", key, n, backoff,
        e.toString());
    addAfter(key, backoff);
  }
}
