package dev.converge.core.errors;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code Status.details.causes}: why the server refused part of a request, e.g.
 * reason {@code FieldValueInvalid} on field {@code spec.selector} with message "field is immutable".
 */
public record ApiCause(@Nullable String reason, @Nullable String field, @Nullable String message) {

  /** The causes of a Status body; empty when it has none. */
  public static List<ApiCause> of(@Nullable Status status) {
    if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
      return List.of();
    }
    return status.getDetails().getCauses().stream().map(ApiCause::of).toList();
  }

  static ApiCause of(StatusCause cause) {
    return new ApiCause(cause.getReason(), cause.getField(), cause.getMessage());
  }

  boolean hasReason(String expected) {
    return expected.equals(reason);
  }

  boolean messageContains(String text) {
    return message != null && message.contains(text);
  }

  /** Renders as {@code spec.selector: Invalid value: ...: field is immutable}. */
  @Override
  public String toString() {
    String text = message == null ? String.valueOf(reason) : message;
    return field == null || field.isEmpty() ? text : field + ": " + text;
  }
}
