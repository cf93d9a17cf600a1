package dev.converge.sandbox.http;

import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DelayedLines holds one watch's writes back for a while (injected cache lag) and runs them on
 * the watch's context in the order they were queued: a write never overtakes an earlier one,
 * even when the delay shrinks meanwhile, because due times never decrease.
 */
final class DelayedLines {
  private record Entry(long dueNanos, Runnable write) {}

  private final Context context;
  private final ArrayDeque<Entry> queue = new ArrayDeque<>();
  private long lastDue;

  DelayedLines(Context context) {
    this.context = context;
  }

  synchronized boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Runs {@code write} on the context after {@code delayMillis}, and after every earlier one. */
  void add(long delayMillis, Runnable write) {
    long due;
    synchronized (this) {
      due = Math.max(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis), lastDue);
      lastDue = due;
      queue.add(new Entry(due, write));
    }
    context.runOnContext(v -> arm(due));
  }

  /** Runs on the context, so the timer fires there and writes keep the context's order. */
  private void arm(long dueNanos) {
    long millis = TimeUnit.NANOSECONDS.toMillis(dueNanos - System.nanoTime()) + 1;
    context.owner().setTimer(Math.max(1, millis), t -> flush());
  }

  private void flush() {
    long now = System.nanoTime();
    List<Runnable> ready = new ArrayList<>();
    Long next = null;
    synchronized (this) {
      while (!queue.isEmpty() && queue.peek().dueNanos() <= now) {
        ready.add(queue.poll().write());
      }
      if (!queue.isEmpty()) {
        next = queue.peek().dueNanos();
      }
    }
    ready.forEach(Runnable::run);
    if (next != null) {
      arm(next);
    }
  }
}
