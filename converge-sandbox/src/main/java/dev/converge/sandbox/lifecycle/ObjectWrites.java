package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.server.DeleteOptions;
import dev.converge.sandbox.server.Operations;
import dev.converge.sandbox.server.RequestContext;
import java.util.Optional;

/**
 * ObjectWrites performs the controllers' writes through {@link Operations}, as an in-cluster
 * controller would through the API: every update carries the resourceVersion it was computed
 * from (a concurrent change answers 409 and the work queue retries), every delete the uid.
 */
final class ObjectWrites {
  private final Operations ops;
  private final RequestContext ctx;

  ObjectWrites(Operations ops, String manager) {
    this.ops = ops;
    this.ctx = RequestContext.internal(manager);
  }

  Operations operations() {
    return ops;
  }

  /** Any served version of the resource, empty when it is no longer served (CRD removed). */
  Optional<ResourceType> type(String groupResource) {
    return ops.registry().byGroupResource(groupResource);
  }

  ObjectNode current(ObjectKey key) {
    return ops.store().get(key.groupResource(), key.namespace(), key.name());
  }

  /** Writes {@code body} (a modified copy of a stored object) to the main resource. */
  void update(ResourceType type, ObjectNode body) {
    write(type, body, null);
  }

  /** Writes {@code body} to a subresource such as "status" or "finalize". */
  void write(ResourceType type, ObjectNode body, String subresource) {
    body.put("apiVersion", type.apiVersion());
    ops.update(type, body.path("metadata").path("namespace").asText(""), ObjectKey.name(body),
        body, subresource, ctx);
  }

  /** Removes one finalizer; the API server deletes the object if it was the last one. */
  void removeFinalizer(ResourceType type, ObjectNode obj, String finalizer) {
    if (!hasFinalizer(obj, finalizer)) {
      return;
    }
    ObjectNode next = obj.deepCopy();
    ArrayNode kept = Json.NODES.arrayNode();
    for (JsonNode f : next.path("metadata").path("finalizers")) {
      if (!f.asText().equals(finalizer)) {
        kept.add(f);
      }
    }
    Json.metadata(next).set("finalizers", kept);
    update(type, next);
  }

  /** Deletes exactly this object (by uid) with a propagation policy; gone already is fine. */
  void delete(ResourceType type, ObjectNode obj, String propagation) {
    try {
      ops.delete(type, obj.path("metadata").path("namespace").asText(""), ObjectKey.name(obj),
          new DeleteOptions(propagation, null, ObjectKey.uid(obj), null), ctx);
    } catch (ApiException e) {
      // 404: already gone; 409: a new object took the name, which is not ours to delete.
      if (e.code() != 404 && e.code() != 409) {
        throw e;
      }
    }
  }

  static boolean hasFinalizer(ObjectNode obj, String finalizer) {
    for (JsonNode f : obj.path("metadata").path("finalizers")) {
      if (f.asText().equals(finalizer)) {
        return true;
      }
    }
    return false;
  }

  static boolean terminating(ObjectNode obj) {
    return obj != null && obj.path("metadata").hasNonNull("deletionTimestamp");
  }
}
