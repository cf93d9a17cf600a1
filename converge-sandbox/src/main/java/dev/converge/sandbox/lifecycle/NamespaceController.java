package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.store.WatchEvent;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * NamespaceController finalizes terminating namespaces: it deletes every object of every
 * namespaced resource in them, reports what remains in the namespace conditions, and once
 * nothing remains removes the "kubernetes" finalizer through {@code /finalize}, upon which the
 * API server deletes the namespace.
 */
final class NamespaceController implements Controller {
  static final String FINALIZER = "kubernetes";
  private static final String NAMESPACES = "namespaces";

  private final ObjectWrites writes;
  private final Supplier<String> now;
  private final WorkQueue<String> queue;

  NamespaceController(ObjectWrites writes, ScheduledExecutorService executor,
      Supplier<String> now) {
    this.writes = writes;
    this.now = now;
    this.queue = new WorkQueue<>("namespace", executor, this::reconcile);
  }

  @Override
  public void observe(WatchEvent event) {
    if (event.groupResource().equals(NAMESPACES)) {
      if (ObjectWrites.terminating(event.object()) && !event.type().equals("DELETED")) {
        queue.add(ObjectKey.name(event.object()));
      }
      return;
    }
    // A change inside a terminating namespace may be the one it waits for.
    if (!event.namespace().isEmpty() && !event.type().equals("ADDED")
        && ObjectWrites.terminating(namespace(event.namespace()))) {
      queue.add(event.namespace());
    }
  }

  private ObjectNode namespace(String name) {
    return writes.operations().store().get(NAMESPACES, "", name);
  }

  private void reconcile(String name) {
    ObjectNode ns = namespace(name);
    if (!ObjectWrites.terminating(ns) || !hasSpecFinalizer(ns)) {
      return;
    }
    NamespaceContent content = deleteContent(name);
    ResourceType type = writes.type(NAMESPACES).orElseThrow();
    ObjectNode withStatus = ns.deepCopy();
    content.writeConditions(Json.child(withStatus, "status"), now.get());
    if (!withStatus.equals(ns)) {
      writes.write(type, withStatus, "status");
    }
    if (content.empty()) {
      ObjectNode finalized = namespace(name).deepCopy();
      ArrayNode kept = Json.NODES.arrayNode();
      specFinalizers(finalized).forEach(f -> {
        if (!f.asText().equals(FINALIZER)) {
          kept.add(f);
        }
      });
      Json.child(finalized, "spec").set("finalizers", kept);
      writes.write(type, finalized, "finalize");
    }
  }

  /** Deletes what is not yet being deleted and tallies what is still stored afterwards. */
  private NamespaceContent deleteContent(String namespace) {
    NamespaceContent content = new NamespaceContent();
    for (ResourceType type : writes.operations().namespacedTypes()) {
      for (ObjectNode obj : writes.operations().store().list(type.groupResource(), namespace)
          .items()) {
        if (!ObjectWrites.terminating(obj)) {
          writes.delete(type, obj, "Background");
        }
      }
      for (ObjectNode left : writes.operations().store().list(type.groupResource(), namespace)
          .items()) {
        content.count(type.groupResource(), left);
      }
    }
    return content;
  }

  private static boolean hasSpecFinalizer(ObjectNode ns) {
    for (JsonNode f : specFinalizers(ns)) {
      if (f.asText().equals(FINALIZER)) {
        return true;
      }
    }
    return false;
  }

  private static ArrayNode specFinalizers(ObjectNode ns) {
    JsonNode f = ns.path("spec").path("finalizers");
    return f instanceof ArrayNode a ? a : Json.NODES.arrayNode();
  }
}
