package dev.converge.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.schema.ListType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Comparison is what changed between two versions of an object, as field sets: paths added,
 * paths whose leaf value changed, paths removed. Like the API server's comparison, a granular map
 * or list that appears or disappears is itself added or removed, which is why an Update entry
 * records {@code "f:labels": {".": {}, ...}} when it created the labels.
 */
record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

  boolean isEmpty() {
    return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
  }

  /** Added or modified: what a writer takes ownership of, and what apply conflicts on. */
  FieldSet changed() {
    return added.union(modified);
  }

  static Comparison between(ObjectNode before, ObjectNode after, FieldScope scope) {
    Walker w = new Walker(scope);
    w.map(before, after);
    return new Comparison(w.added, w.modified, w.removed);
  }

  private static final class Walker {
    private final FieldScope scope;
    private final List<String> fields = new ArrayList<>();
    private final List<String> elements = new ArrayList<>();
    private final FieldSet added = FieldSet.empty();
    private final FieldSet modified = FieldSet.empty();
    private final FieldSet removed = FieldSet.empty();

    Walker(FieldScope scope) {
      this.scope = scope;
    }

    /** Compares two granular maps; either may be null. */
    private void map(JsonNode l, JsonNode r) {
      if (l != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          field(e.getKey(), e.getValue(), r == null ? null : r.get(e.getKey()));
        }
      }
      if (r != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (l == null || !l.has(e.getKey())) {
            field(e.getKey(), null, e.getValue());
          }
        }
      }
    }

    private void field(String name, JsonNode l, JsonNode r) {
      if (!scope.tracks(fields, name) || (l == r)) {
        return;
      }
      fields.add(name);
      elements.add(PathElements.field(name));
      value(nullToAbsent(l), nullToAbsent(r));
      elements.remove(elements.size() - 1);
      fields.remove(fields.size() - 1);
    }

    private static JsonNode nullToAbsent(JsonNode n) {
      return n == null || n.isNull() ? null : n;
    }

    private void value(JsonNode l, JsonNode r) {
      if (l == null && r == null) {
        return;
      }
      JsonNode shape = r != null ? r : l;
      boolean sameShape = l == null || r == null || l.getNodeType() == r.getNodeType();
      if (sameShape && shape.isObject() && !scope.atomicMap(fields)) {
        map(l, r);
        container(l, r);
      } else if (sameShape && shape.isArray()
          && scope.listType(fields).kind() != ListType.Kind.ATOMIC) {
        list(scope.listType(fields), l, r);
        container(l, r);
      } else {
        leaf(l, r);
      }
    }

    /** A granular container records itself only when it appears or disappears. */
    private void container(JsonNode l, JsonNode r) {
      if (!scope.recordsItself(fields)) {
        return;
      }
      if (l == null) {
        added.insert(elements);
      } else if (r == null) {
        removed.insert(elements);
      }
    }

    private void leaf(JsonNode l, JsonNode r) {
      if (l == null) {
        added.insert(elements);
      } else if (r == null) {
        removed.insert(elements);
      } else if (!l.equals(r)) {
        modified.insert(elements);
      }
    }

    private void list(ListType type, JsonNode l, JsonNode r) {
      Map<String, JsonNode> left = index(l, type);
      Map<String, JsonNode> right = index(r, type);
      for (Map.Entry<String, JsonNode> e : left.entrySet()) {
        item(type, e.getKey(), e.getValue(), right.get(e.getKey()));
      }
      for (Map.Entry<String, JsonNode> e : right.entrySet()) {
        if (!left.containsKey(e.getKey())) {
          item(type, e.getKey(), null, e.getValue());
        }
      }
    }

    private void item(ListType type, String element, JsonNode l, JsonNode r) {
      elements.add(element);
      if (type.kind() == ListType.Kind.MAP && (l == null || l.isObject())
          && (r == null || r.isObject())) {
        if (l != r) {
          map(l, r);
        }
        if (l == null) {
          added.insert(elements);
        } else if (r == null) {
          removed.insert(elements);
        }
      } else {
        leaf(l, r);
      }
      elements.remove(elements.size() - 1);
    }

    private static Map<String, JsonNode> index(JsonNode list, ListType type) {
      if (list == null) {
        return Map.of();
      }
      Map<String, JsonNode> out = new LinkedHashMap<>();
      for (JsonNode item : list) {
        out.putIfAbsent(PathElements.item(item, type), item);
      }
      return out;
    }
  }
}
