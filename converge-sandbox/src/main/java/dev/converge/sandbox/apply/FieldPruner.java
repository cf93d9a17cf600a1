package dev.converge.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.schema.ListType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FieldPruner removes from an object the fields an applier stopped applying, except where
 * another manager still owns the field or something beneath it (then only the unowned parts go).
 * Key fields of a surviving list-map item always stay, and containers emptied by the removal are
 * dropped, as Go's omitempty does for built-in kinds.
 */
final class FieldPruner {
  private final FieldScope scope;
  private final List<String> path = new ArrayList<>();
  private boolean removedAny;

  private FieldPruner(FieldScope scope) {
    this.scope = scope;
  }

  /** Removes {@code remove} from {@code object} unless in {@code keep}; true if it changed. */
  static boolean prune(ObjectNode object, FieldSet remove, FieldSet keep, FieldScope scope) {
    if (remove.isEmpty()) {
      return false;
    }
    FieldPruner p = new FieldPruner(scope);
    p.map(object, remove, keep, List.of());
    return p.removedAny;
  }

  private void map(ObjectNode object, FieldSet remove, FieldSet keep, List<String> keyFields) {
    for (Map.Entry<String, FieldSet> e : remove.children().entrySet()) {
      String element = e.getKey();
      if (!element.startsWith("f:")) {
        continue;
      }
      String name = element.substring(2);
      JsonNode value = object.get(name);
      if (value == null || keyFields.contains(name)) {
        continue;
      }
      FieldSet kept = keep == null ? null : keep.childOrNull(element);
      if (e.getValue().member() && kept == null) {
        object.remove(name);
        removedAny = true;
        continue;
      }
      path.add(name);
      boolean before = removedAny;
      removedAny = false;
      descend(value, e.getValue(), kept);
      path.remove(path.size() - 1);
      boolean removedBelow = removedAny;
      removedAny = before || removedBelow;
      if (removedBelow && value.isEmpty() && kept == null) {
        object.remove(name);
      }
    }
  }

  private void descend(JsonNode value, FieldSet remove, FieldSet keep) {
    if (value instanceof ObjectNode o) {
      map(o, remove, keep, List.of());
    } else if (value instanceof ArrayNode list) {
      ListType type = scope.listType(path);
      if (type.kind() != ListType.Kind.ATOMIC) {
        list(list, type, remove, keep);
      }
    }
  }

  private void list(ArrayNode list, ListType type, FieldSet remove, FieldSet keep) {
    for (int i = list.size() - 1; i >= 0; i--) {
      JsonNode item = list.get(i);
      String element = PathElements.item(item, type);
      FieldSet r = remove.childOrNull(element);
      if (r == null) {
        continue;
      }
      FieldSet kept = keep == null ? null : keep.childOrNull(element);
      if (r.member() && kept == null) {
        list.remove(i);
        removedAny = true;
      } else if (item instanceof ObjectNode o) {
        map(o, r, kept, type.keys());
      }
    }
  }
}
