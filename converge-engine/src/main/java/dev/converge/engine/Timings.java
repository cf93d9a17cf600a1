package dev.converge.engine;

import dev.converge.engine.manifest.ObjectKey;
import dev.converge.engine.progress.ProgressEvent;
import dev.converge.engine.progress.ProgressListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timings passes progress events on and notes, per object, when its last step happened, so that a
 * report can say how long each object took without the applier keeping clocks of its own.
 */
final class Timings implements ProgressListener {
  private static final Logger log = LoggerFactory.getLogger(Timings.class);

  private final ProgressListener next;
  private final LongSupplier nanos;
  private final long start;
  private final Map<ObjectKey, Long> last = new ConcurrentHashMap<>();

  Timings(ProgressListener next, LongSupplier nanos) {
    this.next = next;
    this.nanos = nanos;
    this.start = nanos.getAsLong();
  }

  /** Synchronized: prune and destroy report from pool threads, and the listener sees one order. */
  @Override
  public synchronized void on(ProgressEvent event) {
    @Nullable ObjectKey key = null;
    if (event instanceof ProgressEvent.Applied e) {
      key = e.object();
    } else if (event instanceof ProgressEvent.Ready e) {
      key = e.object();
    } else if (event instanceof ProgressEvent.Failed e) {
      key = e.object();
    } else if (event instanceof ProgressEvent.Pruned e) {
      key = e.object();
    } else if (event instanceof ProgressEvent.Deleted e) {
      key = e.object();
    }
    if (key != null) {
      last.put(key, nanos.getAsLong());
    }
    try {
      next.on(event);
    } catch (RuntimeException e) {
      // a failing renderer must not fail a delete or a wait
      log.warn("progress listener failed on {}", event, e);
    }
  }

  /** From the start until the object's last step; zero when nothing happened to it. */
  Duration of(ObjectKey key) {
    Long at = last.get(key);
    return at == null ? Duration.ZERO : Duration.ofNanos(at - start);
  }

  Duration total() {
    return Duration.ofNanos(nanos.getAsLong() - start);
  }
}
