package dev.converge.sandbox.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;

/**
 * WatchEvent is one committed change. The object is immutable once stored, so the serialised
 * line is computed at most once and shared by every watcher.
 *
 * @param revision the store revision the change committed at (the object's resourceVersion)
 * @param type ADDED, MODIFIED or DELETED
 * @param groupResource storage key of the resource
 * @param namespace namespace, "" for cluster-scoped objects
 * @param object the object after the change (for DELETED, its last state)
 * @param previous the object before the change, null for ADDED
 */
public record WatchEvent(long revision, String type, String groupResource, String namespace,
    ObjectNode object, ObjectNode previous) {

  /** The watch line {@code {"type":...,"object":...}} followed by a newline. */
  public byte[] line() {
    ObjectNode frame = Json.object();
    frame.put("type", type);
    frame.set("object", object);
    byte[] body = Json.bytes(frame);
    byte[] out = new byte[body.length + 1];
    System.arraycopy(body, 0, out, 0, body.length);
    out[body.length] = '\n';
    return out;
  }
}
