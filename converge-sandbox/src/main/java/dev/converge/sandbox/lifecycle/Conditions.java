package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Conditions sets status conditions the way Kubernetes helpers do: a condition keeps its
 * lastTransitionTime unless its status changes.
 */
final class Conditions {
  private Conditions() {}

  /** Sets condition {@code type} in {@code status.conditions}, adding it when absent. */
  static void set(ObjectNode status, String type, boolean value, String reason, String message,
      String now) {
    ArrayNode conditions = status.has("conditions") && status.get("conditions").isArray()
        ? (ArrayNode) status.get("conditions") : status.putArray("conditions");
    String text = value ? "True" : "False";
    for (JsonNode c : conditions) {
      if (c.path("type").asText().equals(type)) {
        ObjectNode condition = (ObjectNode) c;
        if (!condition.path("status").asText().equals(text)) {
          condition.put("lastTransitionTime", now);
        }
        condition.put("status", text).put("reason", reason).put("message", message);
        return;
      }
    }
    conditions.addObject().put("type", type).put("status", text)
        .put("lastTransitionTime", now).put("reason", reason).put("message", message);
  }

  /** Whether condition {@code type} is present with status True. */
  static boolean isTrue(JsonNode obj, String type) {
    for (JsonNode c : obj.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }
}
