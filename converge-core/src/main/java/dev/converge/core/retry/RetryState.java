package dev.converge.core.retry;

import dev.converge.core.errors.ConvergeException;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * The mutable state of one call under a {@link RetryPolicy}: which attempt is running and when the
 * deadline falls. Not thread-safe; one per call.
 */
public final class RetryState {

  private final RetryPolicy policy;
  private final Instant deadlineAt;
  private int attempt = 1;

  RetryState(RetryPolicy policy, Instant deadlineAt) {
    this.policy = policy;
    this.deadlineAt = deadlineAt;
  }

  /** The 1-based number of the attempt running now. */
  public int attempt() {
    return attempt;
  }

  public Instant deadlineAt() {
    return deadlineAt;
  }

  /**
   * Decides what follows the failure of the current attempt; on {@link RetryDecision#retry()} the
   * state moves on to the next attempt.
   */
  public RetryDecision onFailure(CallKind kind, ConvergeException failure, Instant now,
      RandomGenerator random) {
    if (!Idempotency.mayRetry(kind, failure)) {
      return RetryDecision.giveUp(failure.retryable()
          ? RetryDecision.Outcome.UNSAFE_TO_REPEAT : RetryDecision.Outcome.NOT_RETRYABLE);
    }
    if (attempt >= policy.maxAttempts()) {
      return RetryDecision.giveUp(RetryDecision.Outcome.ATTEMPTS_EXHAUSTED);
    }
    Duration delay = delay(failure, now, random);
    // The deadline bounds the whole call: a wait that would end past it is not worth starting.
    if (now.plus(delay).isAfter(deadlineAt)) {
      return new RetryDecision(RetryDecision.Outcome.DEADLINE_EXCEEDED, delay);
    }
    attempt++;
    return RetryDecision.retryAfter(delay);
  }

  /** The server's Retry-After (capped) when it sent one, else full-jitter backoff. */
  private Duration delay(ConvergeException failure, Instant now, RandomGenerator random) {
    return failure.retryAfter()
        .map(hint -> min(hint.delayFrom(now), policy.maxRetryAfter()))
        .orElseGet(() -> policy.backoff(attempt - 1, random));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
