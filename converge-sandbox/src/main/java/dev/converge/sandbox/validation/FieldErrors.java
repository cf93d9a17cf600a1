package dev.converge.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.ApiException.Cause;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * FieldErrors collects field errors the way apimachinery's {@code field.ErrorList} does and turns
 * them into one 422 Invalid; each cause's message is the upstream "error body", e.g.
 * {@code Invalid value: "Foo": ...}.
 */
final class FieldErrors {
  /** The detail the API server uses for every immutable field. */
  static final String IMMUTABLE = "field is immutable";

  private final List<Cause> causes = new ArrayList<>();

  void invalid(String field, Object value, String detail) {
    causes.add(new Cause("FieldValueInvalid", "Invalid value: " + render(value) + ": " + detail,
        field));
  }

  /** An invalid value already rendered in Go syntax (see {@link GoSyntax}). */
  void invalidRendered(String field, String rendered, String detail) {
    causes.add(new Cause("FieldValueInvalid", "Invalid value: " + rendered + ": " + detail,
        field));
  }

  void notSupported(String field, String value, String... supported) {
    StringBuilder detail = new StringBuilder("supported values: ");
    for (int i = 0; i < supported.length; i++) {
      detail.append(i == 0 ? "" : ", ").append(GoSyntax.quote(supported[i]));
    }
    causes.add(new Cause("FieldValueNotSupported",
        "Unsupported value: " + GoSyntax.quote(value) + ": " + detail, field));
  }

  void required(String field, String detail) {
    causes.add(new Cause("FieldValueRequired",
        "Required value" + (detail.isEmpty() ? "" : ": " + detail), field));
  }

  void forbidden(String field, String detail) {
    causes.add(new Cause("FieldValueForbidden", "Forbidden: " + detail, field));
  }

  void tooLong(String field, int max) {
    causes.add(new Cause("FieldValueTooLong", "Too long: must have at most " + max + " bytes",
        field));
  }

  /** Adds "field is immutable" when the two values differ (absent equals absent). */
  void immutable(String field, JsonNode next, JsonNode previous) {
    if (!same(next, previous)) {
      invalid(field, next, IMMUTABLE);
    }
  }

  boolean isEmpty() {
    return causes.isEmpty();
  }

  List<Cause> causes() {
    return List.copyOf(causes);
  }

  /** @throws ApiException 422 Invalid when any error was collected */
  void throwIfAny(ResourceType type, String name) {
    if (!causes.isEmpty()) {
      throw ApiException.invalid(type, name, causes);
    }
  }

  static boolean same(JsonNode a, JsonNode b) {
    boolean absentA = a == null || a.isNull() || a.isMissingNode();
    boolean absentB = b == null || b.isNull() || b.isMissingNode();
    if (absentA || absentB) {
      return absentA == absentB;
    }
    return a.equals(b);
  }

  /**
   * Renders a bad value as Go's field errors do: strings quoted, numbers and booleans bare,
   * absent values as null; label selectors in Go syntax (the message users know), other
   * structures as JSON since their Go dump cannot be reproduced.
   */
  static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return GoSyntax.quote(s);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    JsonNode node = (JsonNode) value;
    if (node.isNull() || node.isMissingNode()) {
      return "null";
    }
    if (node.isTextual()) {
      return GoSyntax.quote(node.asText());
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    return Json.text(node);
  }
}
