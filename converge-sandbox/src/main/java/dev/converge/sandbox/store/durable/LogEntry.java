package dev.converge.sandbox.store.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.store.WatchEvent;
import java.io.IOException;

/**
 * LogEntry is one committed change as the log keeps it: enough to redo it, nothing for watches
 * (a delete keeps only the key).
 *
 * @param revision the revision the change committed at
 * @param type ADDED, MODIFIED or DELETED
 * @param groupResource storage key of the resource
 * @param namespace namespace, "" for cluster-scoped objects
 * @param name object name
 * @param object the stored object, null for DELETED
 */
record LogEntry(long revision, String type, String groupResource, String namespace, String name,
    ObjectNode object) {

  static final String DELETED = "DELETED";

  static LogEntry of(WatchEvent event) {
    String name = event.object().path("metadata").path("name").asText();
    ObjectNode stored = DELETED.equals(event.type()) ? null : event.object();
    return new LogEntry(event.revision(), event.type(), event.groupResource(), event.namespace(),
        name, stored);
  }

  boolean isDelete() {
    return DELETED.equals(type);
  }

  byte[] toBytes() {
    ObjectNode node = Json.object();
    node.put("rv", revision).put("type", type).put("gr", groupResource).put("ns", namespace)
        .put("name", name);
    if (object != null) {
      node.set("object", object);
    }
    return Json.bytes(node);
  }

  static LogEntry fromBytes(byte[] bytes, String source) {
    JsonNode node;
    try {
      node = Json.parse(bytes, false);
    } catch (IOException e) {
      throw new CorruptLogException(source + ": a record with a valid checksum is not JSON: " + e);
    }
    JsonNode object = node.get("object");
    return new LogEntry(node.path("rv").asLong(), node.path("type").asText(),
        node.path("gr").asText(), node.path("ns").asText(), node.path("name").asText(),
        object instanceof ObjectNode o ? o : null);
  }
}
