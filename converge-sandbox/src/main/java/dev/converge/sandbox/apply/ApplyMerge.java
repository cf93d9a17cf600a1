package dev.converge.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.schema.ListType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ApplyMerge sets an applied configuration's fields on an object: granular maps merge
 * recursively; atomic lists, atomic maps and scalars are replaced; sets are unioned by value and
 * list maps merged by key, the applied items first in their order and then the object's others.
 * The target is changed in place; applied values are moved into it, not copied.
 */
final class ApplyMerge {
  private final FieldScope scope;
  private final List<String> path = new ArrayList<>();

  private ApplyMerge(FieldScope scope) {
    this.scope = scope;
  }

  static void into(ObjectNode target, ObjectNode applied, FieldScope scope) {
    new ApplyMerge(scope).map(target, applied);
  }

  private void map(ObjectNode target, JsonNode applied) {
    for (Iterator<Map.Entry<String, JsonNode>> it = applied.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if (!scope.merges(path, name)) {
        continue;
      }
      JsonNode v = e.getValue();
      if (v.isNull()) {
        // An explicit null in an apply configuration unsets the field.
        target.remove(name);
        continue;
      }
      path.add(name);
      target.set(name, value(target.get(name), v));
      path.remove(path.size() - 1);
    }
  }

  private JsonNode value(JsonNode live, JsonNode applied) {
    if (applied.isObject() && !scope.atomicMap(path)) {
      ObjectNode target = live instanceof ObjectNode o ? o : Json.object();
      map(target, applied);
      return target;
    }
    if (applied.isArray() && live instanceof ArrayNode liveList) {
      ListType type = scope.listType(path);
      if (type.kind() != ListType.Kind.ATOMIC) {
        return list(type, liveList, (ArrayNode) applied);
      }
    }
    return applied;
  }

  private JsonNode list(ListType type, ArrayNode live, ArrayNode applied) {
    Map<String, JsonNode> liveItems = new HashMap<>();
    String[] liveElements = new String[live.size()];
    for (int i = 0; i < liveElements.length; i++) {
      liveElements[i] = PathElements.item(live.get(i), type);
      liveItems.putIfAbsent(liveElements[i], live.get(i));
    }
    ArrayNode out = Json.NODES.arrayNode(live.size() + applied.size());
    Set<String> placed = new HashSet<>();
    for (JsonNode item : applied) {
      String element = PathElements.item(item, type);
      if (!placed.add(element)) {
        continue;
      }
      JsonNode current = liveItems.get(element);
      if (type.kind() == ListType.Kind.MAP && item.isObject() && current instanceof ObjectNode c) {
        map(c, item);
        out.add(c);
      } else {
        out.add(item);
      }
    }
    // The object's other items keep their order, duplicates included: apply never drops them.
    for (int i = 0; i < liveElements.length; i++) {
      if (!placed.contains(liveElements[i])) {
        out.add(live.get(i));
      }
    }
    return out;
  }
}
