package dev.converge.sandbox.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * MergePatchApplier applies an RFC 7386 JSON merge patch: null deletes a field, objects merge
 * recursively, anything else (arrays included) replaces the value.
 */
final class MergePatchApplier {
  private MergePatchApplier() {}

  static ObjectNode apply(ObjectNode live, JsonNode patch) {
    if (!patch.isObject()) {
      throw PatchErrors.badRequest("Invalid JSON Patch");
    }
    return merge(live.deepCopy(), (ObjectNode) patch);
  }

  private static ObjectNode merge(ObjectNode target, ObjectNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode value = e.getValue();
      if (value.isNull()) {
        target.remove(e.getKey());
      } else if (value.isObject()) {
        // A new object still goes through merge so that the nulls inside it are dropped.
        ObjectNode base = target.get(e.getKey()) instanceof ObjectNode o ? o : Json.object();
        target.set(e.getKey(), merge(base, (ObjectNode) value));
      } else {
        target.set(e.getKey(), value.deepCopy());
      }
    }
    return target;
  }
}
