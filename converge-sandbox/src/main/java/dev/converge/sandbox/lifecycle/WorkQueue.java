package dev.converge.sandbox.lifecycle;

import dev.converge.sandbox.api.ApiException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WorkQueue runs a reconciliation per key on the lifecycle thread, at most once per pending key,
 * and retries failed ones with exponential backoff, as a client-go rate-limited work queue does.
 * Every method is called on the lifecycle thread, so no locking is needed.
 */
final class WorkQueue<K> {
  private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);
  /** First retry delay; doubled per consecutive failure of the same key. */
  private static final long BASE_DELAY_MILLIS = 5;
  /** Cap of the retry delay: a stuck key is retried at least this often. */
  private static final long MAX_DELAY_MILLIS = 1_000;

  private final String name;
  private final ScheduledExecutorService executor;
  private final Consumer<K> reconcile;
  private final Set<K> pending = new HashSet<>();
  private final Map<K, Integer> failures = new HashMap<>();

  WorkQueue(String name, ScheduledExecutorService executor, Consumer<K> reconcile) {
    this.name = name;
    this.executor = executor;
    this.reconcile = reconcile;
  }

  void add(K key) {
    if (pending.add(key)) {
      executor.execute(() -> run(key));
    }
  }

  private void run(K key) {
    pending.remove(key);
    try {
      reconcile.accept(key);
      failures.remove(key);
    } catch (ApiException e) {
      if (e.code() == 404) {
        // The object went away meanwhile; its deletion event reconciles whatever depends on it.
        failures.remove(key);
        return;
      }
      retry(key, e);
    } catch (RuntimeException e) {
      retry(key, e);
    }
  }

  private void retry(K key, RuntimeException cause) {
    int n = failures.merge(key, 1, Integer::sum);
    long delay = Math.min(MAX_DELAY_MILLIS, BASE_DELAY_MILLIS << Math.min(n, 20));
    if (n > 5) {
      LOG.debug("{} {}: retry {} in {} ms after {}", name, key, n, delay, cause.toString());
    }
    if (!executor.isShutdown()) {
      executor.schedule(() -> add(key), delay, TimeUnit.MILLISECONDS);
    }
  }
}
