package dev.converge.core.errors;

import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The server refused the object as invalid: HTTP 422. Terminal; the field causes are kept in
 * {@link #causes()} and listed in the message. {@link ImmutableFieldException} is the case where a
 * field may not change after creation.
 */
public sealed class InvalidException extends KubeApiException permits ImmutableFieldException {

  InvalidException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    this(explain(details), details, call, cause);
  }

  InvalidException(String what, ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super(what, details, call, cause);
  }

  @Override
  public Recovery recovery() {
    return Recovery.NONE;
  }

  private static String explain(ErrorDetails details) {
    if (details.causes().isEmpty()) {
      return serverSaid(details, "the object is invalid");
    }
    return "the object is invalid: "
        + details.causes().stream().map(ApiCause::toString).collect(Collectors.joining("; "));
  }
}
