package dev.converge.core.retry;

import dev.converge.core.errors.CallInfo;
import dev.converge.core.errors.ConvergeException;
import dev.converge.core.errors.ErrorClassifier;
import dev.converge.core.errors.UnclassifiedException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call under a {@link RetryPolicy}: classifies each failure, retries only what is safe for the
 * {@link CallKind}, waits with backoff or the server's Retry-After, and stops at the attempt limit or
 * the deadline. When it gives up it throws the last failure with the earlier ones as suppressed.
 *
 * <p>Logging: one WARN per retry (verb, path, failure class, attempt k of n, delay), one ERROR when
 * retries ran out, DEBUG otherwise; a terminal failure on the first attempt is the caller's to
 * report, so it is logged only at DEBUG.
 *
 * <p>This is the only retry layer: fabric8's own request retry must be off
 * ({@code Config#setRequestRetryBackoffLimit(0)}), since it retries POSTs and ignores Retry-After.
 */
public final class Retrier {

  private static final Logger DEFAULT_LOG = LoggerFactory.getLogger(Retrier.class);

  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final @Nullable RandomGenerator random;
  private final RetryListener listener;
  private final Logger log;

  private Retrier(Builder b) {
    this.policy = b.policy;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.listener = b.listener;
    this.log = b.log;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A retrier with {@code policy}, the system clock and real sleeps. */
  public static Retrier of(RetryPolicy policy) {
    return builder().policy(policy).build();
  }

  public RetryPolicy policy() {
    return policy;
  }

  /**
   * Calls {@code body} until it succeeds or the policy gives up.
   *
   * @throws ConvergeException the last failure, with earlier ones suppressed
   * @throws RuntimeException a non-API unchecked exception from {@code body} (a bug), unchanged
   */
  public <T> T call(CallInfo call, CallKind kind, Callable<T> body) {
    RetryState state = policy.start(clock.instant());
    List<ConvergeException> earlier = new ArrayList<>();
    while (true) {
      CallInfo attemptCall = call.withAttempt(state.attempt());
      ConvergeException failure;
      try {
        T result = body.call();
        if (state.attempt() > 1) {
          log.debug("{} succeeded on attempt {} of {}", attemptCall, state.attempt(), policy.maxAttempts());
        }
        return result;
      } catch (Exception e) {
        failure = classify(e, attemptCall);
      }
      int attempt = state.attempt();
      RetryDecision decision = state.onFailure(kind, failure, clock.instant(), random());
      listener.onRetryDecision(
          new RetryEvent(attemptCall, kind, failure, attempt, policy.maxAttempts(), decision));
      if (!decision.retry()) {
        throw giveUp(failure, earlier, decision, attempt);
      }
      log.warn("Retrying {} {} after {} ({}): attempt {} of {} failed, next in {} ms",
          call.verb(), target(call), failure.getClass().getSimpleName(), summary(failure),
          attempt, policy.maxAttempts(), decision.delay().toMillis());
      earlier.add(failure);
      try {
        sleeper.sleep(decision.delay());
      } catch (InterruptedException interrupted) {
        // Cancellation, not a failure to retry: keep the flag for the caller and stop now.
        Thread.currentThread().interrupt();
        earlier.remove(earlier.size() - 1);
        failure.addSuppressed(interrupted);
        throw giveUp(failure, earlier, RetryDecision.giveUp(RetryDecision.Outcome.NOT_RETRYABLE), attempt);
      }
    }
  }

  private ConvergeException giveUp(ConvergeException last, List<ConvergeException> earlier,
      RetryDecision decision, int attempt) {
    for (ConvergeException e : earlier) {
      if (e != last) {
        last.addSuppressed(e);
      }
    }
    boolean ranOut = attempt > 1 || decision.outcome() == RetryDecision.Outcome.DEADLINE_EXCEEDED;
    if (ranOut) {
      // One line: the caller gets the exception and reports it (the CLI as one line, no trace
      // without --verbose); the trace is for debugging.
      log.error("Giving up on {} after {} attempt(s) ({}): {}", last.call(), attempt,
          decision.outcome(), last.getMessage());
      log.debug("Giving up on {}", last.call(), last);
    } else {
      log.debug("Not retrying {} ({}): {}", last.call(), decision.outcome(), last.getMessage());
    }
    return last;
  }

  /** Non-API unchecked exceptions (bugs) pass through; everything else becomes a ConvergeException. */
  private static ConvergeException classify(Exception e, CallInfo call) {
    ConvergeException failure = ErrorClassifier.classify(e, call);
    if (failure instanceof UnclassifiedException && failure.code() == 0 && failure.getCause() == e
        && e instanceof RuntimeException runtime && !(e instanceof KubernetesClientException)) {
      throw runtime;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return failure;
  }

  /** {@code 503 ServiceUnavailable}, or the transport reason (e.g. {@code NetworkError}). */
  private static String summary(ConvergeException failure) {
    String reason = failure.reason() == null ? "" : failure.reason();
    return failure.code() > 0 ? (failure.code() + " " + reason).trim() : reason;
  }

  private static String target(CallInfo call) {
    if (call.path() != null) {
      return call.path();
    }
    return call.ref() == null ? "" : call.ref().toString();
  }

  private RandomGenerator random() {
    return random != null ? random : ThreadLocalRandom.current();
  }

  /** Builds a {@link Retrier}; defaults: {@link RetryPolicy#DEFAULT}, system clock, real sleeps. */
  public static final class Builder {
    private RetryPolicy policy = RetryPolicy.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private @Nullable RandomGenerator random;
    private RetryListener listener = RetryListener.NONE;
    private Logger log = DEFAULT_LOG;

    private Builder() {}

    public Builder policy(RetryPolicy value) {
      policy = Objects.requireNonNull(value, "policy == null");
      return this;
    }

    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock == null");
      return this;
    }

    public Builder sleeper(Sleeper value) {
      sleeper = Objects.requireNonNull(value, "sleeper == null");
      return this;
    }

    /** The jitter source; by default a thread-local generator. Inject a seeded one in tests. */
    public Builder random(RandomGenerator value) {
      random = Objects.requireNonNull(value, "random == null");
      return this;
    }

    public Builder listener(RetryListener value) {
      listener = Objects.requireNonNull(value, "listener == null");
      return this;
    }

    /** Where retries are logged; by default this class's SLF4J logger. */
    public Builder logger(Logger value) {
      log = Objects.requireNonNull(value, "logger == null");
      return this;
    }

    public Retrier build() {
      return new Retrier(this);
    }
  }
}
