package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * StructuralDefaults fills {@code default:} values of a structural openAPIV3Schema into an object,
 * as the apiextensions server does: a missing field (or a null one that is not nullable) gets
 * its default, and defaulting recurses through properties, items and additionalProperties,
 * including into values that were just defaulted.
 */
final class StructuralDefaults {
  private StructuralDefaults() {}

  /** Defaults a whole custom resource; metadata, apiVersion and kind are the server's. */
  static void applyToObject(ObjectNode obj, JsonNode schema) {
    fillMissing(obj, schema);
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!List.of("metadata", "apiVersion", "kind").contains(field.getKey())) {
        apply(field.getValue(), childSchema(schema, field.getKey()));
      }
    }
  }

  static void apply(JsonNode value, JsonNode schema) {
    if (schema == null || schema.isMissingNode()) {
      return;
    }
    if (value instanceof ObjectNode obj) {
      fillMissing(obj, schema);
      List<String> names = new ArrayList<>();
      obj.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        apply(obj.get(name), childSchema(schema, name));
      }
    } else if (value instanceof ArrayNode array) {
      for (JsonNode element : array) {
        apply(element, schema.get("items"));
      }
    }
  }

  private static void fillMissing(ObjectNode obj, JsonNode schema) {
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> prop = it.next();
      JsonNode current = obj.get(prop.getKey());
      boolean absent = current == null
          || (current.isNull() && !prop.getValue().path("nullable").asBoolean(false));
      if (absent && prop.getValue().has("default")) {
        obj.set(prop.getKey(), prop.getValue().get("default").deepCopy());
      }
    }
  }

  private static JsonNode childSchema(JsonNode schema, String field) {
    JsonNode prop = schema.path("properties").get(field);
    if (prop != null) {
      return prop;
    }
    JsonNode additional = schema.get("additionalProperties");
    return additional != null && additional.isObject() ? additional : null;
  }
}
