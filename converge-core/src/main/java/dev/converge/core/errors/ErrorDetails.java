package dev.converge.core.errors;

import io.fabric8.kubernetes.api.model.Status;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the server (or the transport) said about a failed call: HTTP code (0 when no response
 * arrived), {@code Status.reason}, the server's message, its causes, an optional Retry-After hint,
 * and the original Status body.
 */
record ErrorDetails(
    int code,
    @Nullable String reason,
    @Nullable String serverMessage,
    List<ApiCause> causes,
    @Nullable RetryAfter retryAfter,
    @Nullable Status status) {

  ErrorDetails {
    causes = List.copyOf(causes);
  }

  static final ErrorDetails NONE = new ErrorDetails(0, null, null, List.of(), null, null);

  static ErrorDetails of(int code, @Nullable Status status, @Nullable RetryAfter retryAfter) {
    return new ErrorDetails(
        code,
        status == null ? null : blankToNull(status.getReason()),
        status == null ? null : blankToNull(status.getMessage()),
        ApiCause.of(status),
        retryAfter,
        status);
  }

  static ErrorDetails transport(int code, String reason, @Nullable String message) {
    return new ErrorDetails(code, reason, message, List.of(), null, null);
  }

  Optional<String> message() {
    return Optional.ofNullable(serverMessage);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
