package dev.converge.sandbox.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.schema.TypeSchema;
import java.util.Iterator;
import java.util.Map;

/**
 * Patcher applies JSON patch, JSON merge patch and strategic merge patch bodies to an object.
 * The live object is never modified; the result is a new tree.
 */
public final class Patcher {
  private Patcher() {}

  public static ObjectNode apply(PatchType type, ObjectNode live, JsonNode patch,
      TypeSchema schema) {
    switch (type) {
      case MERGE:
      case STRATEGIC:
        if (!patch.isObject()) {
          throw ApiException.badRequest("patch body must be a JSON object");
        }
        return (ObjectNode) merge(live.deepCopy(), (ObjectNode) patch);
      default:
        throw ApiException.unsupportedMediaType(type.mediaType());
    }
  }

  private static JsonNode merge(ObjectNode target, ObjectNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        target.remove(e.getKey());
      } else if (e.getValue().isObject() && target.get(e.getKey()) instanceof ObjectNode t) {
        merge(t, (ObjectNode) e.getValue());
      } else {
        target.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    return target;
  }
}
