package dev.converge.sandbox.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;

/**
 * WatchEvent is one committed change. The object is immutable once stored, so the serialised
 * watch line is computed at most once and shared by every watcher that gets the event as stored.
 */
public final class WatchEvent {
  private final long revision;
  private final String type;
  private final String groupResource;
  private final String namespace;
  private final ObjectNode object;
  private final ObjectNode previous;
  private volatile byte[] line;

  /**
   * @param revision the store revision the change committed at (the object's resourceVersion)
   * @param type ADDED, MODIFIED or DELETED
   * @param groupResource storage key of the resource
   * @param namespace namespace, "" for cluster-scoped objects
   * @param object the object after the change (for DELETED, its last state)
   * @param previous the object before the change, null for ADDED
   */
  public WatchEvent(long revision, String type, String groupResource, String namespace,
      ObjectNode object, ObjectNode previous) {
    this.revision = revision;
    this.type = type;
    this.groupResource = groupResource;
    this.namespace = namespace;
    this.object = object;
    this.previous = previous;
  }

  public long revision() {
    return revision;
  }

  public String type() {
    return type;
  }

  public String groupResource() {
    return groupResource;
  }

  public String namespace() {
    return namespace;
  }

  public ObjectNode object() {
    return object;
  }

  public ObjectNode previous() {
    return previous;
  }

  /** The watch line {@code {"type":...,"object":...}} and a newline, serialised once. */
  public byte[] line() {
    byte[] cached = line;
    if (cached == null) {
      cached = frame(type, object);
      line = cached;
    }
    return cached;
  }

  /** One newline-terminated watch frame. */
  public static byte[] frame(String type, ObjectNode object) {
    ObjectNode frame = Json.object();
    frame.put("type", type);
    frame.set("object", object);
    byte[] body = Json.bytes(frame);
    byte[] out = new byte[body.length + 1];
    System.arraycopy(body, 0, out, 0, body.length);
    out[body.length] = '\n';
    return out;
  }

  @Override
  public String toString() {
    return "WatchEvent[" + revision + " " + type + " " + groupResource + " " + namespace + "/"
        + object.path("metadata").path("name").asText() + "]";
  }
}
