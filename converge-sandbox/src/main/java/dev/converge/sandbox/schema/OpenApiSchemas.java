package dev.converge.sandbox.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * OpenApiSchemas turns a CRD's {@code openAPIV3Schema} into a {@link TypeSchema}, honouring
 * {@code x-kubernetes-list-type}, {@code x-kubernetes-list-map-keys} and
 * {@code x-kubernetes-map-type}. Lists without a list type are atomic, as for the API server.
 * The schemas it builds refuse strategic merge: custom resources have no patch strategies.
 */
public final class OpenApiSchemas {
  /** Deeper schemas than this are cut off; CRD schemas are far shallower, recursion is not. */
  private static final int MAX_DEPTH = 64;

  private OpenApiSchemas() {}

  public static TypeSchema fromOpenApi(JsonNode openApiV3Schema) {
    TableSchema.Builder builder = TableSchema.builder().strategicMerge(false);
    // Custom resources carry the usual ObjectMeta, whatever their schema says of metadata.
    BuiltinSchemas.addObjectMeta(builder);
    if (openApiV3Schema != null) {
      walk(openApiV3Schema, new ArrayList<>(), builder);
    }
    return builder.build();
  }

  private static void walk(JsonNode node, List<String> path, TableSchema.Builder builder) {
    if (!node.isObject() || path.size() > MAX_DEPTH) {
      return;
    }
    if ("atomic".equals(node.path("x-kubernetes-map-type").asText())) {
      builder.atomicMap(path);
    }
    if (node.has("items") || "array".equals(node.path("type").asText())) {
      builder.list(path, listType(node));
      JsonNode items = node.get("items");
      if (items != null) {
        walk(items, path, builder);
      }
    }
    JsonNode properties = node.get("properties");
    if (properties != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> property = it.next();
        path.add(property.getKey());
        walk(property.getValue(), path, builder);
        path.remove(path.size() - 1);
      }
    }
    JsonNode additional = node.get("additionalProperties");
    if (additional != null && additional.isObject()) {
      path.add(TableSchema.ANY_KEY);
      walk(additional, path, builder);
      path.remove(path.size() - 1);
    }
  }

  private static ListType listType(JsonNode arraySchema) {
    switch (arraySchema.path("x-kubernetes-list-type").asText("atomic")) {
      case "set":
        return ListType.SET;
      case "map":
        List<String> keys = new ArrayList<>();
        arraySchema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
        return keys.isEmpty() ? ListType.ATOMIC : ListType.map(keys.toArray(String[]::new));
      default:
        return ListType.ATOMIC;
    }
  }
}
