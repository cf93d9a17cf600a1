package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Condition is one entry of {@code status.conditions}.
 *
 * @param observedGeneration the generation the condition was computed from, or -1 when absent
 */
record Condition(
    String type, String status, String reason, String message, long observedGeneration) {

  static final Condition ABSENT = new Condition("", "", "", "", -1);

  boolean isTrue() {
    return "True".equals(status);
  }

  boolean isFalse() {
    return "False".equals(status);
  }

  boolean exists() {
    return !type.isEmpty();
  }

  /** "Reason: message", or whichever of the two exists. */
  String explanation() {
    if (reason.isEmpty()) {
      return message;
    }
    return message.isEmpty() ? reason : reason + ": " + message;
  }

  /** The condition of the given type, or {@link #ABSENT}. */
  static Condition find(JsonNode obj, String type) {
    for (JsonNode c : Fields.at(obj, "status", "conditions")) {
      if (type.equals(Fields.text(c, "type"))) {
        return of(c);
      }
    }
    return ABSENT;
  }

  static List<Condition> all(JsonNode obj) {
    List<Condition> out = new ArrayList<>();
    for (JsonNode c : Fields.at(obj, "status", "conditions")) {
      out.add(of(c));
    }
    return out;
  }

  private static Condition of(JsonNode c) {
    return new Condition(
        Fields.text(c, "type"),
        Fields.text(c, "status"),
        Fields.text(c, "reason"),
        Fields.text(c, "message"),
        Fields.count(c, -1, "observedGeneration"));
  }
}
