package dev.converge.sandbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;
import java.util.List;
import java.util.Set;

/**
 * ServerFields knows which parts of an object only the server writes (identity, timestamps,
 * generation, status behind its subresource) and how they survive client writes. Pure functions.
 */
final class ServerFields {
  /** Groups whose built-in kinds carry no metadata.generation, as in a real cluster. */
  private static final Set<String> GROUPS_WITHOUT_GENERATION = Set.of("",
      "rbac.authorization.k8s.io", "coordination.k8s.io", "events.k8s.io", "storage.k8s.io",
      "scheduling.k8s.io", "discovery.k8s.io");

  private ServerFields() {}

  static boolean namespaceHeld(ResourceType type, ObjectNode obj) {
    return type.kind().equals("Namespace") && type.group().isEmpty()
        && obj.path("spec").path("finalizers").size() > 0;
  }

  /** Main-resource writes keep the stored status; /status writes keep everything but status. */
  static ObjectNode mergeSubresource(ResourceType type, ObjectNode cur, ObjectNode next,
      String subresource) {
    if ("status".equals(subresource)) {
      ObjectNode out = cur.deepCopy();
      if (next.has("status")) {
        out.set("status", next.get("status"));
      } else {
        out.remove("status");
      }
      if (next.path("metadata").has("managedFields")) {
        Json.metadata(out).set("managedFields", next.path("metadata").get("managedFields"));
      }
      return out;
    }
    if ("finalize".equals(subresource)) {
      // Namespace /finalize writes only spec.finalizers.
      ObjectNode out = cur.deepCopy();
      Json.child(out, "spec").set("finalizers",
          next.path("spec").has("finalizers") ? next.path("spec").get("finalizers")
              : Json.NODES.arrayNode());
      return out;
    }
    if (type.statusSubresource()) {
      if (cur.has("status")) {
        next.set("status", cur.get("status"));
      } else {
        next.remove("status");
      }
    }
    return next;
  }

  /** Fields only the server writes survive every client write. */
  static void carryServerMetadata(ObjectNode cur, ObjectNode next) {
    ObjectNode curMeta = (ObjectNode) cur.get("metadata");
    ObjectNode meta = Json.metadata(next);
    for (String field : List.of("uid", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "generation", "namespace", "name")) {
      if (curMeta.has(field)) {
        meta.set(field, curMeta.get(field));
      } else {
        meta.remove(field);
      }
    }
    meta.remove("selfLink");
    next.put("apiVersion", cur.path("apiVersion").asText());
    next.put("kind", cur.path("kind").asText());
  }

  static void addFinalizer(ArrayNode finalizers, String value) {
    for (JsonNode f : finalizers) {
      if (f.asText().equals(value)) {
        return;
      }
    }
    finalizers.add(value);
  }

  static boolean specChanged(ResourceType type, ObjectNode cur, ObjectNode next) {
    ObjectNode a = cur.deepCopy();
    ObjectNode b = next.deepCopy();
    a.remove("metadata");
    b.remove("metadata");
    if (type.statusSubresource()) {
      a.remove("status");
      b.remove("status");
    }
    return !a.equals(b);
  }

  /** Whether objects of this type carry metadata.generation. */
  static boolean tracksGeneration(ResourceType type) {
    return !GROUPS_WITHOUT_GENERATION.contains(type.group());
  }

  /** The object as served at the requested version (storage is version-independent). */
  static ObjectNode served(ResourceType type, ObjectNode obj) {
    if (obj == null || type.apiVersion().equals(obj.path("apiVersion").asText())) {
      return obj;
    }
    ObjectNode copy = obj.deepCopy();
    copy.put("apiVersion", type.apiVersion());
    return copy;
  }

  static String resourceVersion(ObjectNode obj) {
    return obj.path("metadata").path("resourceVersion").asText("");
  }
}
