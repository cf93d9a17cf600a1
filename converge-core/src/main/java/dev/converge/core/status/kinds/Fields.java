package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
    Instant fast = utcSeconds(s);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Parses the form the API server writes for metav1.Time, {@code 2006-01-02T15:04:05Z}, without a
   * formatter: event lists of large workloads parse thousands of these per computation.
   */
  private static Instant utcSeconds(String s) {
    if (s.length() != 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(19) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The non-negative number in {@code s[from, from+len)}, or -1 when it is not all digits. */
  private static int digits(String s, int from, int len) {
    int n = 0;
    for (int i = from; i < from + len; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** "1 pod" / "2 pods". */
  static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
