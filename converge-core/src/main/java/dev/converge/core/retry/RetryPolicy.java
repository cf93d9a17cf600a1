package dev.converge.core.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a failed call is retried: exponential backoff with full jitter, a cap per delay, an attempt
 * limit, an overall deadline, and a cap on server-requested Retry-After delays (DESIGN.md §3).
 * Immutable and shareable; the per-call state lives in the {@link RetryState} that {@link #start}
 * returns.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.DEFAULT.toBuilder().maxAttempts(10).deadline(Duration.ofMinutes(2)).build();
 * }</pre>
 */
public final class RetryPolicy {

  /** First backoff ceiling: long enough for a restarting apiserver endpoint, short for a blip. */
  public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(200);
  public static final double DEFAULT_FACTOR = 2.0;
  /** Per-delay cap: beyond 10 s a caller is better served by failing and reporting. */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(10);
  /** Six attempts: five retries waiting at most 0.2+0.4+0.8+1.6+3.2 = 6.2 s (half that on average). */
  public static final int DEFAULT_MAX_ATTEMPTS = 6;
  /** Overall bound per call, including time spent in the attempts themselves. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);
  /** A server asking for more than 30 s is not worth blocking a call on (kube-apiserver sends 1 s). */
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(30);

  /** Five retries within a minute: DESIGN.md §3 defaults. */
  public static final RetryPolicy DEFAULT = builder().build();

  /** Never retries: one attempt. */
  public static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final Duration baseDelay;
  private final double factor;
  private final Duration maxDelay;
  private final int maxAttempts;
  private final Duration deadline;
  private final Duration maxRetryAfter;

  private RetryPolicy(Builder b) {
    this.baseDelay = b.baseDelay;
    this.factor = b.factor;
    this.maxDelay = b.maxDelay;
    this.maxAttempts = b.maxAttempts;
    this.deadline = b.deadline;
    this.maxRetryAfter = b.maxRetryAfter;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Begins one call at {@code now}: the deadline runs from here. */
  public RetryState start(Instant now) {
    return new RetryState(this, now.plus(deadline));
  }

  /**
   * The largest delay before retry number {@code retry} (0 for the first retry):
   * {@code min(maxDelay, baseDelay · factor^retry)}.
   */
  public Duration backoffCeiling(int retry) {
    if (retry < 0) {
      throw new IllegalArgumentException("retry < 0: " + retry);
    }
    double nanos = baseDelay.toNanos() * Math.pow(factor, retry);
    // Also guards overflow: pow grows past Long.MAX_VALUE long before retry counts get large.
    return nanos >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos((long) nanos);
  }

  /**
   * A full-jitter delay: uniform in {@code [0, backoffCeiling(retry)]}. Full jitter spreads clients
   * that failed together (e.g. on an apiserver restart) so they do not retry in lockstep.
   */
  public Duration backoff(int retry, RandomGenerator random) {
    long ceiling = backoffCeiling(retry).toNanos();
    return ceiling == 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(ceiling + 1));
  }

  public Duration baseDelay() {
    return baseDelay;
  }

  public double factor() {
    return factor;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration deadline() {
    return deadline;
  }

  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  @Override
  public String toString() {
    return "RetryPolicy{base=" + baseDelay + ", factor=" + factor + ", maxDelay=" + maxDelay
        + ", maxAttempts=" + maxAttempts + ", deadline=" + deadline + ", maxRetryAfter=" + maxRetryAfter + '}';
  }

  /** Builds a {@link RetryPolicy}; unset values take the DEFAULT_* constants. Validates eagerly. */
  public static final class Builder {
    private Duration baseDelay = DEFAULT_BASE_DELAY;
    private double factor = DEFAULT_FACTOR;
    private Duration maxDelay = DEFAULT_MAX_DELAY;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration deadline = DEFAULT_DEADLINE;
    private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;

    private Builder() {}

    private Builder(RetryPolicy p) {
      baseDelay = p.baseDelay;
      factor = p.factor;
      maxDelay = p.maxDelay;
      maxAttempts = p.maxAttempts;
      deadline = p.deadline;
      maxRetryAfter = p.maxRetryAfter;
    }

    public Builder baseDelay(Duration value) {
      baseDelay = nonNegative(value, "baseDelay");
      return this;
    }

    public Builder factor(double value) {
      if (!(value >= 1.0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("factor < 1 or not finite: " + value);
      }
      factor = value;
      return this;
    }

    public Builder maxDelay(Duration value) {
      maxDelay = nonNegative(value, "maxDelay");
      return this;
    }

    public Builder maxAttempts(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxAttempts < 1: " + value);
      }
      maxAttempts = value;
      return this;
    }

    public Builder deadline(Duration value) {
      Objects.requireNonNull(value, "deadline == null");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("deadline <= 0: " + value);
      }
      deadline = value;
      return this;
    }

    public Builder maxRetryAfter(Duration value) {
      maxRetryAfter = nonNegative(value, "maxRetryAfter");
      return this;
    }

    public RetryPolicy build() {
      if (maxDelay.compareTo(baseDelay) < 0) {
        throw new IllegalStateException("maxDelay < baseDelay: " + maxDelay + " < " + baseDelay);
      }
      return new RetryPolicy(this);
    }

    private static Duration nonNegative(Duration value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " < 0: " + value);
      }
      return value;
    }
  }
}
