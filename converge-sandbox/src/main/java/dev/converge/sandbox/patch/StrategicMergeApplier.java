package dev.converge.sandbox.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.schema.ListType;
import dev.converge.sandbox.schema.TypeSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * StrategicMergeApplier applies a strategic merge patch: a merge patch whose lists merge as the
 * {@link TypeSchema} says (by merge key, as sets, or replaced) and which understands the
 * directives {@code $patch}, {@code $retainKeys}, {@code $deleteFromPrimitiveList/<field>} and
 * {@code $setElementOrder/<field>}.
 */
final class StrategicMergeApplier {
  static final String PATCH = "$patch";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
  static final String SET_ELEMENT_ORDER = "$setElementOrder/";

  private final TypeSchema schema;

  private StrategicMergeApplier(TypeSchema schema) {
    this.schema = schema;
  }

  static ObjectNode apply(ObjectNode live, JsonNode patch, TypeSchema schema) {
    if (!patch.isObject()) {
      throw PatchErrors.badRequest("json: cannot unmarshal " + patch.getNodeType().name()
          .toLowerCase() + " into Go value of type map[string]interface {}");
    }
    ObjectNode merged = new StrategicMergeApplier(schema)
        .mergeMap(live.deepCopy(), (ObjectNode) patch, new ArrayList<>());
    // "$patch: delete" at the root empties the object; the caller's validation then rejects it.
    return merged == null ? Json.object() : merged;
  }

  /** Merges {@code patch} into {@code original} (modified); null when the map is deleted. */
  private ObjectNode mergeMap(ObjectNode original, ObjectNode patch, List<String> path) {
    String directive = patch.path(PATCH).asText(null);
    if (directive != null) {
      switch (directive) {
        case "delete":
          return null;
        case "replace":
          return mergeMap(Json.object(), withoutPatchDirective(patch), path);
        case "merge":
          break;
        default:
          throw PatchErrors.internal("unknown patch type: " + directive + " in map: " + patch);
      }
    }
    retainKeys(original, patch);
    deleteFromPrimitiveLists(original, patch);
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = e.getKey();
      if (field.startsWith("$")) {
        continue;
      }
      path.add(field);
      JsonNode merged = mergeValue(original.get(field), e.getValue(), path,
          patch.get(SET_ELEMENT_ORDER + field));
      path.remove(path.size() - 1);
      if (merged == null) {
        original.remove(field);
      } else {
        original.set(field, merged);
      }
    }
    reorderUnpatchedLists(original, patch, path);
    return original;
  }

  /** The merged value of one field; null when the field goes away. */
  private JsonNode mergeValue(JsonNode original, JsonNode patch, List<String> path,
      JsonNode order) {
    if (patch.isNull()) {
      return null;
    }
    if (patch.isObject()) {
      // A value new to the original still merges into an empty map so directives are consumed.
      ObjectNode base = original instanceof ObjectNode o ? o : Json.object();
      return mergeMap(base, (ObjectNode) patch, path);
    }
    if (patch.isArray()) {
      ArrayNode base = original instanceof ArrayNode a ? a : Json.NODES.arrayNode();
      return mergeList(base, (ArrayNode) patch, path, order);
    }
    return patch.deepCopy();
  }

  private ArrayNode mergeList(ArrayNode original, ArrayNode patch, List<String> path,
      JsonNode order) {
    ListType type = schema.listType(path);
    String mergeKey = type.patchMergeKey();
    if (mergeKey == null) {
      return patch.deepCopy();
    }
    ArrayNode merged;
    if (hasReplaceDirective(patch)) {
      // {"$patch": "replace"} as an item: the rest of the patch list is the whole new list.
      merged = mergeKey.isEmpty() ? withoutDirectiveItems(patch).deepCopy()
          : mergeItems(Json.NODES.arrayNode(), withoutDirectiveItems(patch), path, mergeKey);
    } else if (mergeKey.isEmpty() || isScalarList(patch)) {
      merged = union(original, patch);
    } else {
      merged = mergeItems(original.deepCopy(), patch, path, mergeKey);
    }
    return order == null ? merged : ElementOrder.apply(merged, order, mergeKey);
  }

  /** Merges keyed items: same key merges, new key appends, {@code $patch: delete} removes. */
  private ArrayNode mergeItems(ArrayNode result, ArrayNode patch, List<String> path,
      String mergeKey) {
    for (JsonNode item : patch) {
      if (!item.isObject()) {
        throw PatchErrors.internal("cannot merge " + item + " into a list of objects merged by "
            + mergeKey);
      }
      JsonNode key = item.get(mergeKey);
      if (key == null) {
        throw PatchErrors.internal("map: " + item + " does not contain declared merge key: "
            + mergeKey);
      }
      int index = indexOf(result, mergeKey, key);
      if ("delete".equals(item.path(PATCH).asText(null))) {
        while (index >= 0) {
          result.remove(index);
          index = indexOf(result, mergeKey, key);
        }
        continue;
      }
      ObjectNode base = index >= 0 ? (ObjectNode) result.get(index) : Json.object();
      ObjectNode merged = mergeMap(base, (ObjectNode) item, path);
      if (index >= 0) {
        result.set(index, merged);
      } else if (merged != null) {
        result.add(merged);
      }
    }
    return result;
  }

  private static ArrayNode union(ArrayNode original, ArrayNode patch) {
    ArrayNode result = Json.NODES.arrayNode();
    Set<JsonNode> seen = new HashSet<>();
    for (JsonNode item : original) {
      if (seen.add(item)) {
        result.add(item.deepCopy());
      }
    }
    for (JsonNode item : patch) {
      if (seen.add(item)) {
        result.add(item.deepCopy());
      }
    }
    return result;
  }

  /**
   * {@code $retainKeys: [a, b]} clears every other field of the original; the patch itself may
   * only set retained fields.
   */
  private static void retainKeys(ObjectNode original, ObjectNode patch) {
    JsonNode retain = patch.get(RETAIN_KEYS);
    if (retain == null) {
      return;
    }
    if (!retain.isArray()) {
      throw PatchErrors.badRequest("invalid patch format of retainKeys");
    }
    Set<String> keep = new HashSet<>();
    for (JsonNode k : retain) {
      if (!k.isTextual()) {
        throw PatchErrors.badRequest("invalid patch format of retainKeys");
      }
      keep.add(k.asText());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().startsWith("$") && !e.getValue().isNull() && !keep.contains(e.getKey())) {
        throw PatchErrors.rejected();
      }
    }
    original.retain(keep);
  }

  /** {@code $deleteFromPrimitiveList/<field>: [values]} removes those values from the list. */
  private static void deleteFromPrimitiveLists(ObjectNode original, ObjectNode patch) {
    for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        continue;
      }
      JsonNode values = patch.get(name);
      if (!values.isArray()) {
        throw PatchErrors.badRequest("invalid patch format of primitive list");
      }
      String field = name.substring(DELETE_FROM_PRIMITIVE_LIST.length());
      if (!(original.get(field) instanceof ArrayNode list)) {
        continue;
      }
      Set<JsonNode> doomed = new HashSet<>();
      values.forEach(doomed::add);
      for (int i = list.size() - 1; i >= 0; i--) {
        if (doomed.contains(list.get(i))) {
          list.remove(i);
        }
      }
      // Built-in types omit empty lists when serialised, so an emptied list disappears.
      if (list.isEmpty() && !patch.has(field)) {
        original.remove(field);
      }
    }
  }

  /** A {@code $setElementOrder} whose list the patch does not touch still reorders it. */
  private void reorderUnpatchedLists(ObjectNode original, ObjectNode patch, List<String> path) {
    for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      String field = name.substring(SET_ELEMENT_ORDER.length());
      if (patch.has(field) || !(original.get(field) instanceof ArrayNode list)) {
        continue;
      }
      path.add(field);
      String mergeKey = schema.listType(path).patchMergeKey();
      path.remove(path.size() - 1);
      if (mergeKey != null) {
        original.set(field, ElementOrder.apply(list, patch.get(name), mergeKey));
      }
    }
  }

  private static int indexOf(ArrayNode list, String mergeKey, JsonNode key) {
    for (int i = 0; i < list.size(); i++) {
      if (key.equals(list.get(i).get(mergeKey))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean hasReplaceDirective(ArrayNode patch) {
    for (JsonNode item : patch) {
      if (item.isObject() && "replace".equals(item.path(PATCH).asText(null))) {
        return true;
      }
    }
    return false;
  }

  private static ArrayNode withoutDirectiveItems(ArrayNode patch) {
    ArrayNode out = Json.NODES.arrayNode();
    for (JsonNode item : patch) {
      if (!(item.isObject() && item.has(PATCH) && item.size() == 1)) {
        out.add(item);
      }
    }
    return out;
  }

  private static boolean isScalarList(ArrayNode patch) {
    for (JsonNode item : patch) {
      if (item.isContainerNode()) {
        return false;
      }
    }
    return !patch.isEmpty();
  }

  private static ObjectNode withoutPatchDirective(ObjectNode patch) {
    ObjectNode copy = patch.deepCopy();
    copy.remove(PATCH);
    return copy;
  }
}
