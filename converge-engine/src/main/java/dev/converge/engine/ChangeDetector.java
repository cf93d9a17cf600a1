package dev.converge.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.engine.progress.ApplyAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Tells from the live object before a server-side apply and the object the apply returned whether
 * the apply changed anything. A no-op apply stores nothing, so the resourceVersion stays; when it
 * moved, a controller may still have written only status between the read and the apply, so the
 * objects are compared without status and bookkeeping before calling it a change.
 */
final class ChangeDetector {
  private ChangeDetector() {}

  static ApplyAction classify(@Nullable HasMetadata before, HasMetadata after) {
    Objects.requireNonNull(after, "after == null");
    if (before == null) {
      return ApplyAction.CREATED;
    }
    String was = before.getMetadata().getResourceVersion();
    if (was != null && was.equals(after.getMetadata().getResourceVersion())) {
      return ApplyAction.UNCHANGED;
    }
    return desiredState(before).equals(desiredState(after)) ? ApplyAction.UNCHANGED : ApplyAction.CONFIGURED;
  }

  /** The object without what the server and controllers write on their own. */
  private static JsonNode desiredState(HasMetadata object) {
    ObjectNode tree = Serialization.jsonMapper().valueToTree(object);
    tree.remove("status");
    JsonNode metadata = tree.get("metadata");
    if (metadata instanceof ObjectNode m) {
      m.remove("resourceVersion");
      m.remove("managedFields");
    }
    return tree;
  }
}
