package dev.converge.sandbox.controllers.runtime;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
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
 * WorkQueue runs reconciliations on one scheduled executor, at most one pending run per key (a
 * burst of events for an object becomes one reconciliation), after the kind's extra delay.
 * Keys of paused kinds or objects are parked, not run, and come back on resume. Failures retry
 * with a doubling back-off, like client-go's rate-limited queue.
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
  /** Due time (nanoTime) of each key's pending run. */
  private final Map<Key, Long> pending = new ConcurrentHashMap<>();
  private final Set<Key> parked = ConcurrentHashMap.newKeySet();
  private final Map<Key, Integer> failures = new ConcurrentHashMap<>();

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

  /** Runs the key after {@code delay}, unless a run is already due sooner. */
  public void addAfter(Key key, Duration delay) {
    if (!handles(key.kind())) {
      return;
    }
    long delayNanos = delay.plus(pauses.extraDelay(key.kind())).toNanos();
    long due = System.nanoTime() + delayNanos;
    Long before = pending.get(key);
    if (before != null && before - due <= 0) {
      return;
    }
    pending.put(key, due);
    try {
      executor.schedule(() -> run(key, due), delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Shutting down: nothing runs any more.
    }
  }

  /** Re-adds the parked keys that are no longer paused. */
  public void unpark() {
    for (Key key : Set.copyOf(parked)) {
      if (!pauses.isPaused(key) && parked.remove(key)) {
        add(key);
      }
    }
  }

  private void run(Key key, long due) {
    // A later addAfter with an earlier due time replaced this run.
    if (!pending.remove(key, due)) {
      return;
    }
    if (pauses.isPaused(key)) {
      parked.add(key);
      return;
    }
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
