package dev.converge.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Defaults holds the set-if-absent primitives every kind's defaulting uses. */
final class Defaults {
  private Defaults() {}

  static boolean absent(ObjectNode parent, String field) {
    JsonNode v = parent.get(field);
    return v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty());
  }

  static void text(ObjectNode parent, String field, String value) {
    if (absent(parent, field)) {
      parent.put(field, value);
    }
  }

  /** Ints, not longs: Jackson parses small numbers as IntNode, and IntNode(1) != LongNode(1). */
  static void number(ObjectNode parent, String field, int value) {
    if (absent(parent, field)) {
      parent.put(field, value);
    }
  }

  static void bool(ObjectNode parent, String field, boolean value) {
    if (absent(parent, field)) {
      parent.put(field, value);
    }
  }

  /** The object at {@code field}, created empty when absent. */
  static ObjectNode object(ObjectNode parent, String field) {
    JsonNode v = parent.get(field);
    if (v instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(field);
  }

  /** The object at {@code field} when present, else null (never created). */
  static ObjectNode existing(JsonNode parent, String field) {
    return parent != null && parent.get(field) instanceof ObjectNode o ? o : null;
  }
}
