package dev.converge.sandbox.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.EnumSet;

/** JsonPatchApplier applies an RFC 6902 JSON patch, failing as the API server does. */
final class JsonPatchApplier {
  private JsonPatchApplier() {}

  static ObjectNode apply(ObjectNode live, JsonNode patch) {
    // Upstream decodes the body into a list of operations first: anything else is a 400.
    if (!patch.isArray()) {
      throw PatchErrors.badRequest(
          "json: cannot unmarshal " + kindOf(patch) + " into Go value of type jsonpatch.Patch");
    }
    for (JsonNode op : patch) {
      if (!op.isObject()) {
        throw PatchErrors.badRequest("json: cannot unmarshal " + kindOf(op)
            + " into Go value of type jsonpatch.Operation");
      }
    }
    JsonNode result;
    try {
      // Like the Go library the API server uses, removing a missing field is an error.
      result = JsonPatch.apply(patch, live,
          EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT));
    } catch (RuntimeException e) {
      // Unknown op, missing path, failed test: all surface from Apply, which upstream maps to 422.
      throw PatchErrors.rejected();
    }
    if (!(result instanceof ObjectNode object)) {
      throw PatchErrors.rejected();
    }
    return object;
  }

  private static String kindOf(JsonNode node) {
    if (node.isObject()) {
      return "object";
    }
    if (node.isTextual()) {
      return "string";
    }
    return node.isNumber() ? "number" : node.getNodeType().name().toLowerCase();
  }
}
