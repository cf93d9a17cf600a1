package dev.converge.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.sandbox.schema.ListType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * PathElements builds the canonical fieldsV1 element strings the real API server writes. The
 * canonical form makes plain string order the server's order (field names, then keys, then
 * values), so sets can be keyed by the strings themselves.
 */
final class PathElements {
  /**
   * Defaults of list-map key fields that clients usually leave out. The API server's OpenAPI
   * defaults {@code protocol} to TCP for container and service ports, and apply identifies such
   * items with the defaulted key.
   */
  private static final Map<String, String> KEY_DEFAULTS = Map.of("protocol", "\"TCP\"");

  private PathElements() {}

  static String field(String name) {
    return "f:" + name;
  }

  /** {@code v:<json>} for a member of a set; JsonNode.toString() writes compact JSON. */
  static String value(JsonNode value) {
    return "v:" + value;
  }

  /** {@code k:{...}} with the key fields sorted by name, as structured-merge-diff sorts them. */
  static String key(JsonNode item, ListType type) {
    List<String> keys = type.keys();
    if (keys.size() > 1) {
      keys = new ArrayList<>(keys);
      Collections.sort(keys);
    }
    StringBuilder sb = new StringBuilder(32).append("k:{");
    boolean first = true;
    for (String k : keys) {
      JsonNode v = item.get(k);
      String json = v != null && !v.isNull() ? v.toString() : KEY_DEFAULTS.get(k);
      if (json == null) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(k)).append(':').append(json);
    }
    return sb.append('}').toString();
  }

  /** The element of a list item: its key for list maps, its value for sets. */
  static String item(JsonNode item, ListType type) {
    return type.kind() == ListType.Kind.MAP && item.isObject() ? key(item, type) : value(item);
  }
}
