package dev.converge.core.errors;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An update changed a field that may not change after creation (a Deployment selector, a Job
 * template, a Service clusterIP, an immutable ConfigMap): HTTP 422 with a cause saying "field is
 * immutable". Terminal; the fix is to revert the change, or to delete and recreate the object.
 */
public final class ImmutableFieldException extends InvalidException {

  private final List<String> fields;

  ImmutableFieldException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    this(details, call, cause, fields(details));
  }

  private ImmutableFieldException(
      ErrorDetails details, CallInfo call, @Nullable Throwable cause, List<String> fields) {
    super("immutable field" + (fields.size() == 1 ? " " : "s ") + String.join(", ", fields)
        + " cannot be changed; revert the change, or delete and recreate the object"
        + " (--recreate-on-immutable)", details, call, cause);
    this.fields = fields;
  }

  /** The fields the server reported as immutable, e.g. {@code spec.selector}. */
  public List<String> fields() {
    return fields;
  }

  private static List<String> fields(ErrorDetails details) {
    List<String> named = details.causes().stream()
        .filter(c -> c.messageContains(ErrorClassifier.FIELD_IS_IMMUTABLE))
        .map(c -> c.field() == null || c.field().isEmpty() ? "?" : c.field())
        .distinct()
        .toList();
    return named.isEmpty() ? List.of("?") : named;
  }
}
