package dev.converge.sandbox.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.schema.TypeSchema;

/**
 * Patcher applies JSON patch, JSON merge patch and strategic merge patch bodies to an object.
 * The live object is never modified; the result is a new tree.
 *
 * <p>Failures are those of the API server: a malformed body is 400 BadRequest; a JSON patch that
 * cannot be applied (failed {@code test}, missing path) is 422 Invalid; strategic merge on a kind
 * whose schema does not support it (custom resources, {@link TypeSchema#NONE}) is 415.
 */
public final class Patcher {
  private Patcher() {}

  public static ObjectNode apply(PatchType type, ObjectNode live, JsonNode patch,
      TypeSchema schema) {
    switch (type) {
      case JSON:
        return JsonPatchApplier.apply(live, patch);
      case MERGE:
        return MergePatchApplier.apply(live, patch);
      case STRATEGIC:
        if (!schema.supportsStrategicMerge()) {
          throw PatchErrors.strategicMergeUnsupported();
        }
        return StrategicMergeApplier.apply(live, patch, schema);
      default:
        // Apply patches go to the field manager, never here.
        throw ApiException.unsupportedMediaType(type.mediaType());
    }
  }
}
