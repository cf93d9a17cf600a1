package dev.converge.core.retry;

import java.time.Duration;

/** Waits between attempts. Injected so that tests advance a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps on the calling thread. */
  Sleeper SYSTEM = duration -> {
    if (!duration.isZero() && !duration.isNegative()) {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }
  };

  void sleep(Duration duration) throws InterruptedException;
}
