package dev.converge.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.schema.ListType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * ObjectFields extracts the field set an applied configuration owns: every scalar, atomic list
 * and atomic map is a leaf; list-map items and set values are members themselves; granular maps
 * are not (so {@code f:spec} never carries {@code "."} in an Apply entry, as on a real server).
 */
final class ObjectFields {
  private final FieldScope scope;
  private final List<String> path = new ArrayList<>();

  private ObjectFields(FieldScope scope) {
    this.scope = scope;
  }

  static FieldSet of(ObjectNode object, FieldScope scope) {
    FieldSet set = FieldSet.empty();
    new ObjectFields(scope).walkMap(object, set);
    return set;
  }

  private void walkMap(JsonNode map, FieldSet into) {
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!scope.tracks(path, e.getKey())) {
        continue;
      }
      FieldSet child = FieldSet.empty();
      path.add(e.getKey());
      walkValue(e.getValue(), child);
      path.remove(path.size() - 1);
      into.attach(PathElements.field(e.getKey()), child);
    }
  }

  private void walkValue(JsonNode value, FieldSet node) {
    if (value.isObject() && !scope.atomicMap(path)) {
      walkMap(value, node);
    } else if (value.isArray()) {
      ListType type = scope.listType(path);
      if (type.kind() == ListType.Kind.ATOMIC) {
        node.markMember();
        return;
      }
      for (JsonNode item : value) {
        FieldSet child = FieldSet.empty();
        child.markMember();
        if (type.kind() == ListType.Kind.MAP && item.isObject()) {
          walkMap(item, child);
        }
        node.attach(PathElements.item(item, type), child);
      }
    } else {
      node.markMember();
    }
  }
}
