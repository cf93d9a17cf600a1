package dev.converge.sandbox.faults;

import dev.converge.sandbox.http.WatchControl;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WatchFaults applies the rules that act on open watch streams: cache lag (each event held back,
 * checked per event so a rule added while an informer runs delays its next events) and drops
 * mid-stream (checked when a watch opens, and for open watches when a drop rule is added).
 */
final class WatchFaults {
  private final Vertx vertx;
  private final Faults faults;
  private final Set<WatchControl> open = ConcurrentHashMap.newKeySet();

  WatchFaults(Vertx vertx, Faults faults) {
    this.vertx = vertx;
    this.faults = faults;
  }

  static RequestView view(WatchControl watch) {
    return new RequestView(Verb.WATCH, watch.request().path(), watch.request()::getHeader);
  }

  void watchStarted(WatchControl watch) {
    open.removeIf(w -> !w.isOpen());
    open.add(watch);
    RequestView view = view(watch);
    watch.delayEvents(() -> delayMillis(view));
    for (ActiveRule rule : faults.rules()) {
      if (rule.rule().action() instanceof FaultAction.DropWatch drop
          && faults.hits(rule, watch)) {
        arm(watch, drop);
      }
    }
  }

  void ruleAdded(ActiveRule rule) {
    open.removeIf(w -> !w.isOpen());
    for (WatchControl watch : open) {
      if (faults.hits(rule, watch)) {
        arm(watch, (FaultAction.DropWatch) rule.rule().action());
      }
    }
  }

  private long delayMillis(RequestView view) {
    long total = 0;
    for (FaultAction a : faults.hits(view, a -> a instanceof FaultAction.DelayWatchEvents)) {
      if (a instanceof FaultAction.DelayWatchEvents d) {
        total += d.delay().toMillis();
      }
    }
    return total;
  }

  private void arm(WatchControl watch, FaultAction.DropWatch drop) {
    if (drop.afterEvents() > 0) {
      AtomicLong seen = new AtomicLong();
      watch.onEventSent(n -> {
        if (seen.incrementAndGet() == drop.afterEvents()) {
          watch.drop();
        }
      });
    }
    if (drop.after() != null) {
      vertx.setTimer(Math.max(1, drop.after().toMillis()), t -> watch.drop());
    }
  }
}
