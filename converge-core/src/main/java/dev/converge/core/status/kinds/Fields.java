package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Fields reads typed values out of an unstructured object, with Kubernetes defaults. */
final class Fields {
  private Fields() {}

  /** The node at a path, or a missing node: never null, so callers chain without checks. */
  static JsonNode at(JsonNode node, String... path) {
    JsonNode cur = node;
    for (String p : path) {
      cur = cur.path(p);
    }
    return cur == null ? MissingNode.getInstance() : cur;
  }

  /** Text at a path, or {@code ""} when absent. */
  static String text(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    return n.isValueNode() ? n.asText() : "";
  }

  /** Integer at a path, or the given default when absent (Kubernetes omits zero counts). */
  static long count(JsonNode node, long absent, String... path) {
    JsonNode n = at(node, path);
    return n.isNumber() || n.isTextual() ? n.asLong(absent) : absent;
  }

  static boolean has(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    return !n.isMissingNode() && !n.isNull();
  }

  /** spec.replicas, which the API server defaults to 1 when omitted. */
  static long specReplicas(JsonNode obj) {
    return count(obj, 1, "spec", "replicas");
  }

  static long generation(JsonNode obj) {
    return count(obj, 0, "metadata", "generation");
  }

  static String name(JsonNode obj) {
    return text(obj, "metadata", "name");
  }

  /** An RFC 3339 timestamp at a path, or null when absent or malformed. */
  static Instant time(JsonNode node, String... path) {
    String s = text(node, path);
    if (s.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** "1 pod" / "2 pods". */
  static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
