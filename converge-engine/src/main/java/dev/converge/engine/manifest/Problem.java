package dev.converge.engine.manifest;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One reason a manifest set cannot be applied: where (source), which object (as far as it could be
 * read), which field, and what is wrong.
 *
 * @param object {@code apps/v1 Deployment prod/web}, or null when the document did not parse
 * @param field a field path such as {@code metadata.name}, or null when the whole object is meant
 */
public record Problem(Source source, @Nullable String object, @Nullable String field, String message) {

  public Problem {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(message, "message == null");
  }

  /** A problem with {@code field} of {@code object}. */
  public static Problem of(ManifestObject object, @Nullable String field, String message) {
    return new Problem(object.source(), object.describe(), field, message);
  }

  /** {@code deploy.yaml#2 (line 14) apps/v1 Deployment prod/web: metadata.name: must be ...}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(source.toString());
    if (object != null) {
      sb.append(' ').append(object);
    }
    sb.append(": ");
    if (field != null) {
      sb.append(field).append(": ");
    }
    return sb.append(message).toString();
  }
}
