package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.store.WatchEvent;

/**
 * ObjectKey names one stored object independently of its served version.
 *
 * @param groupResource storage key of the resource, e.g. "replicasets.apps"
 * @param namespace namespace, "" for cluster-scoped objects
 * @param name object name
 */
record ObjectKey(String groupResource, String namespace, String name) {
  static ObjectKey of(WatchEvent event) {
    return new ObjectKey(event.groupResource(), event.namespace(), name(event.object()));
  }

  static String name(ObjectNode obj) {
    return obj.path("metadata").path("name").asText("");
  }

  static String uid(ObjectNode obj) {
    return obj.path("metadata").path("uid").asText("");
  }
}
