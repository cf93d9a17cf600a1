package dev.converge.sandbox.controllers.runtime;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times formats timestamps as Kubernetes does: RFC 3339 in UTC, whole seconds. */
public final class Times {
  private final Clock clock;

  public Times(Clock clock) {
    this.clock = clock;
  }

  public Instant now() {
    return clock.instant();
  }

  /** Now as a Kubernetes timestamp, e.g. {@code 2026-01-02T03:04:05Z}. */
  public String stamp() {
    return format(now());
  }

  public static String format(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
