package dev.converge.core.errors;

import io.fabric8.kubernetes.api.model.Status;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Root of every failure Converge reports: an API or transport failure ({@link KubeApiException}) or
 * a convergence failure ({@link ConvergenceException}). Carries the HTTP code, {@code Status.reason},
 * causes, verb, object, attempt count and the original Status body, and says whether retrying can
 * help ({@link #recovery()}).
 *
 * <p>Callers branch on the subclass (a sealed hierarchy, so a {@code switch} is exhaustive) and never
 * on message text.
 */
public abstract sealed class ConvergeException extends RuntimeException
    permits KubeApiException, ConvergenceException {

  private final ErrorDetails details;
  private final CallInfo call;

  ConvergeException(String message, ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super(message, cause);
    this.details = details;
    this.call = call;
  }

  /** What a caller can do about this failure (DESIGN.md §2 table). */
  public abstract Recovery recovery();

  /** Whether some retry strategy can succeed; which calls may be retried is decided by the retry layer. */
  public final boolean retryable() {
    return recovery() != Recovery.NONE;
  }

  /**
   * Whether the server provably did not act on the request (it was throttled, refused, or never
   * reached the server), so even a non-idempotent POST may be re-sent.
   */
  public boolean notProcessed() {
    return false;
  }

  /** HTTP status code; 0 when no response arrived (network, TLS, client-side timeout). */
  public int code() {
    return details.code();
  }

  /** {@code Status.reason} (e.g. {@code AlreadyExists}), or a transport label; null when absent. */
  public @Nullable String reason() {
    return details.reason();
  }

  /** The message the server sent in its Status body, if any. */
  public Optional<String> serverMessage() {
    return details.message();
  }

  /** {@code Status.details.causes}; empty when the server gave none. */
  public List<ApiCause> causes() {
    return details.causes();
  }

  /** How long the server asked to wait before retrying, if it said. */
  public Optional<RetryAfter> retryAfter() {
    return Optional.ofNullable(details.retryAfter());
  }

  /** The original Status body, for callers that need a field not modelled here. */
  public @Nullable Status status() {
    return details.status();
  }

  public CallInfo call() {
    return call;
  }

  public String verb() {
    return call.verb();
  }

  public @Nullable ObjectRef ref() {
    return call.ref();
  }

  /** The attempt (1-based) whose failure this is. */
  public int attempts() {
    return call.attempt();
  }

  ErrorDetails details() {
    return details;
  }

  /**
   * Builds the standard message: {@code <call>: <what happened> (<code> <reason>, attempt k)}.
   */
  static String describe(CallInfo call, ErrorDetails details, String what) {
    StringBuilder sb = new StringBuilder(call.toString()).append(": ").append(what);
    StringBuilder tail = new StringBuilder();
    if (details.code() > 0) {
      tail.append(details.code());
    }
    if (details.reason() != null) {
      tail.append(tail.length() > 0 ? " " : "").append(details.reason());
    }
    if (call.attempt() > 1) {
      tail.append(tail.length() > 0 ? ", " : "").append("attempt ").append(call.attempt());
    }
    if (tail.length() > 0) {
      sb.append(" (").append(tail).append(')');
    }
    return sb.toString();
  }
}
