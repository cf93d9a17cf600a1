package dev.converge.core.retry;

import java.time.Duration;

/** The outcome of one retry decision: retry after {@link #delay()}, or give up and why. */
public record RetryDecision(Outcome outcome, Duration delay) {

  /** Why a failed attempt is, or is not, followed by another. */
  public enum Outcome {
    RETRY,
    /** The failure is terminal (DESIGN.md §2). */
    NOT_RETRYABLE,
    /** The failure is transient but repeating this kind of call is not safe (DESIGN.md §3). */
    UNSAFE_TO_REPEAT,
    ATTEMPTS_EXHAUSTED,
    /** The next delay would end after the overall deadline. */
    DEADLINE_EXCEEDED
  }

  static RetryDecision retryAfter(Duration delay) {
    return new RetryDecision(Outcome.RETRY, delay);
  }

  static RetryDecision giveUp(Outcome why) {
    return new RetryDecision(why, Duration.ZERO);
  }

  public boolean retry() {
    return outcome == Outcome.RETRY;
  }
}
