package dev.converge.cli.render;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One object of a run's report, in the words of {@code -o json}.
 *
 * @param action created, configured, unchanged, pruned, deleted or skipped
 * @param status a readiness state: CURRENT, IN_PROGRESS, FAILED, TERMINATING, NOT_FOUND, UNKNOWN
 * @param reason one line saying why the object is not CURRENT (empty when it is)
 * @param source where the manifest came from ({@code app.yaml#3 (line 40)}), for text reports;
 *     not part of the JSON document
 */
public record ObjectLine(String apiVersion, String kind, @Nullable String namespace, String name,
    String action, String status, String reason, long durationMs, @Nullable String source) {

  public ObjectLine(String apiVersion, String kind, @Nullable String namespace, String name,
      String action, String status, String reason, long durationMs) {
    this(apiVersion, kind, namespace, name, action, status, reason, durationMs, null);
  }

  public ObjectLine {
    Objects.requireNonNull(apiVersion, "apiVersion == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(status, "status == null");
    reason = reason == null ? "" : reason;
  }

  public ObjectLine withStatus(String newStatus) {
    return new ObjectLine(apiVersion, kind, namespace, name, action, newStatus, reason, durationMs, source);
  }

  /** {@code Deployment shop/api}, or {@code Namespace shop} for a cluster-scoped object. */
  public String describe() {
    return kind + " " + (namespace == null ? name : namespace + "/" + name);
  }
}
