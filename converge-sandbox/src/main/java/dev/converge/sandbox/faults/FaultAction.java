package dev.converge.sandbox.faults;

import java.time.Duration;
import java.util.Objects;

/** FaultAction is what a matching rule does to a request or to a watch stream. */
public sealed interface FaultAction {
  /** Whether the action takes effect on an open watch stream rather than on the request. */
  default boolean onWatchStream() {
    return false;
  }

  /**
   * Answers with an error status and a {@code metav1.Status} body (429 TooManyRequests, 500
   * InternalError, 502, 503 ServiceUnavailable, 504 Timeout).
   *
   * @param code HTTP status code
   * @param retryAfterSeconds value of the Retry-After header, null for none
   */
  record Respond(int code, Integer retryAfterSeconds) implements FaultAction {
    public Respond {
      if (code != 429 && (code < 500 || code > 504)) {
        throw new IllegalArgumentException("fault status must be 429 or 500-504: " + code);
      }
      if (retryAfterSeconds != null && retryAfterSeconds < 0) {
        throw new IllegalArgumentException("retry-after < 0: " + retryAfterSeconds);
      }
    }
  }

  /** Holds the request back before handling it, without blocking the event loop. */
  record Latency(Duration delay) implements FaultAction {
    public Latency {
      requirePositive(delay, "latency");
    }
  }

  /** Resets the request's TCP connection (RST): the client reads "Connection reset". */
  record Reset() implements FaultAction {}

  /**
   * Handles the request (a create or update is committed) and then resets the TCP connection
   * instead of sending the response: the client sees "Connection reset" and cannot tell whether
   * its request took effect, as when a response is lost on the way back.
   */
  record ResetAfterCommit() implements FaultAction {}

  /**
   * Stops accepting connections for {@code period}: the listening socket is closed (and every
   * open connection with it) and opened again on the same port afterwards.
   */
  record Refuse(Duration period) implements FaultAction {
    public Refuse {
      requirePositive(period, "refuse period");
    }
  }

  /**
   * Drops a matching watch's connection mid-stream after {@code afterEvents} events, or after
   * {@code after} time, whichever comes first (0 or null: not by that measure).
   */
  record DropWatch(long afterEvents, Duration after) implements FaultAction {
    public DropWatch {
      if (afterEvents < 0 || (afterEvents == 0 && after == null)) {
        throw new IllegalArgumentException("drop needs a number of events or a duration");
      }
      if (after != null && after.isNegative()) {
        throw new IllegalArgumentException("drop duration < 0: " + after);
      }
    }

    @Override
    public boolean onWatchStream() {
      return true;
    }
  }

  /** Delivers each event of a matching watch {@code delay} late, in order (cache lag). */
  record DelayWatchEvents(Duration delay) implements FaultAction {
    public DelayWatchEvents {
      requirePositive(delay, "watch-delay");
    }

    @Override
    public boolean onWatchStream() {
      return true;
    }
  }

  private static void requirePositive(Duration d, String what) {
    Objects.requireNonNull(d, what + " == null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
  }
}
