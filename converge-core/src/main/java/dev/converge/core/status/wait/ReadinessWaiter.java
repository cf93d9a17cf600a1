package dev.converge.core.status.wait;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * ReadinessWaiter waits, driven by watches and never by fixed-interval polling, until objects are
 * ready (or gone), reporting each object's readiness the moment the cluster shows a change.
 *
 * <p>Contract: an object that becomes CURRENT counts as reached (it keeps being watched while
 * others are pending, so a regression is seen); FAILED ends the wait for that object at once
 * (fail fast); an object not at its goal by its timeout times out with its last status, reasons
 * and Warning events. A wait's result never completes exceptionally; {@link WaitResult#orThrow()}
 * turns it into {@code RolloutFailedException} or {@code NotReadyException}.
 *
 * <p>Waits share the watch source's watches (one per kind and namespace); the waiter owns one
 * timer thread for deadlines and grace periods, released by {@link #close()}.
 */
public final class ReadinessWaiter implements AutoCloseable {
  private final WatchSource source;
  private final WaitOptions options;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  /** Opens a wait's watches in parallel; threads idle out after a minute. */
  private final ExecutorService opener;

  public ReadinessWaiter(WatchSource source, WaitOptions options, Clock clock) {
    this.source = Objects.requireNonNull(source, "source == null");
    this.options = Objects.requireNonNull(options, "options == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "converge-readiness-timer");
              t.setDaemon(true);
              return t;
            });
    this.opener =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "converge-watch-open");
              t.setDaemon(true);
              return t;
            });
  }

  public ReadinessWaiter(WatchSource source, WaitOptions options) {
    this(source, options, Clock.systemUTC());
  }

  /** Starts waiting with this waiter's options; returns once the watches are open. */
  public WaitHandle start(Collection<WaitTarget> targets, ReadinessListener listener) {
    return start(targets, options, listener);
  }

  /** Starts waiting with other options for this call. */
  public WaitHandle start(
      Collection<WaitTarget> targets, WaitOptions callOptions, ReadinessListener listener) {
    WaitSession session =
        new WaitSession(source, List.copyOf(targets), callOptions, clock, listener, timer, opener);
    session.start();
    return session;
  }

  /**
   * Waits until every object is done and returns how each ended; the caller decides, e.g. with
   * {@link WaitResult#orThrow()}. Interruption cancels the wait.
   */
  public WaitResult await(Collection<WaitTarget> targets, ReadinessListener listener) {
    WaitHandle handle = start(targets, listener);
    try {
      return handle.result().get();
    } catch (InterruptedException e) {
      handle.cancel();
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for " + targets.size() + " objects");
    } catch (ExecutionException e) {
      throw new IllegalStateException("wait failed unexpectedly", e.getCause());
    }
  }

  /** Waits and throws when any object failed or timed out. */
  public WaitResult awaitReady(Collection<WaitTarget> targets) {
    return await(targets, ReadinessListener.NONE).orThrow();
  }

  /** Stops the timer; waits in progress no longer time out. Does not close the source. */
  @Override
  public void close() {
    timer.shutdownNow();
    opener.shutdownNow();
  }
}
