package dev.converge.sandbox.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.converge.sandbox.api.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ElementOrder honours a strategic merge {@code $setElementOrder/<field>} list: items it names
 * take the order it gives; items it does not name (added by others on the server) keep their
 * positions.
 */
final class ElementOrder {
  private ElementOrder() {}

  /**
   * @param order the directive's value: scalars for a primitive list, or objects holding the
   *     merge key ({@code [{name: a}, {name: b}]})
   * @param mergeKey the list's merge key, empty for a list of scalars
   */
  static ArrayNode apply(ArrayNode list, JsonNode order, String mergeKey) {
    if (!order.isArray()) {
      throw PatchErrors.badRequest("invalid patch format of setElementOrder list");
    }
    Map<JsonNode, Integer> rank = new HashMap<>();
    for (JsonNode entry : order) {
      JsonNode id = mergeKey.isEmpty() ? entry : entry.get(mergeKey);
      if (id == null) {
        throw PatchErrors.badRequest("invalid patch format of setElementOrder list");
      }
      rank.putIfAbsent(id, rank.size());
    }
    List<Integer> slots = new ArrayList<>();
    List<JsonNode> ranked = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (rank.containsKey(identity(list.get(i), mergeKey))) {
        slots.add(i);
        ranked.add(list.get(i));
      }
    }
    ranked.sort((a, b) -> Integer.compare(rank.get(identity(a, mergeKey)),
        rank.get(identity(b, mergeKey))));
    ArrayNode result = Json.NODES.arrayNode();
    result.addAll(list);
    for (int i = 0; i < slots.size(); i++) {
      result.set(slots.get(i), ranked.get(i));
    }
    return result;
  }

  private static JsonNode identity(JsonNode item, String mergeKey) {
    if (mergeKey.isEmpty()) {
      return item;
    }
    JsonNode id = item.get(mergeKey);
    return id == null ? Json.NODES.missingNode() : id;
  }
}
