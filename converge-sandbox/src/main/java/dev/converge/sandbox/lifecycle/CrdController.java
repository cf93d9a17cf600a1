package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceRegistry;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.store.WatchEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * CrdController establishes CustomResourceDefinitions: it accepts their names, serves a resource
 * type per served version and reports NamesAccepted and Established in the CRD status. When a
 * CRD is deleted it deletes every custom resource of it, stops serving the kind and removes the
 * "customresourcecleanup.apiextensions.k8s.io" finalizer so the CRD goes.
 */
final class CrdController implements Controller {
  static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

  private final ObjectWrites writes;
  private final CrdSchemaStore schemas;
  private final Supplier<String> now;
  private final WorkQueue<String> queue;
  /** What each established CRD serves, to stop serving it even after the CRD is gone. */
  private final Map<String, CrdSpec> established = new HashMap<>();
  /** CRD name by the group resource it serves, to notice its last custom resource going. */
  private final Map<String, String> crdByResource = new HashMap<>();

  CrdController(ObjectWrites writes, CrdSchemaStore schemas, ScheduledExecutorService executor,
      Supplier<String> now) {
    this.writes = writes;
    this.schemas = schemas;
    this.now = now;
    this.queue = new WorkQueue<>("crd", executor, this::reconcile);
  }

  @Override
  public void observe(WatchEvent event) {
    if (event.groupResource().equals(CrdSpec.GROUP_RESOURCE)) {
      queue.add(ObjectKey.name(event.object()));
      return;
    }
    String crd = crdByResource.get(event.groupResource());
    if (crd != null && event.type().equals("DELETED")) {
      queue.add(crd);
    }
  }

  private void reconcile(String name) {
    ObjectNode crd = writes.current(new ObjectKey(CrdSpec.GROUP_RESOURCE, "", name));
    if (crd == null) {
      stopServing(name);
    } else if (ObjectWrites.terminating(crd)) {
      cleanUp(crd);
    } else if (!ObjectWrites.hasFinalizer(crd, CLEANUP_FINALIZER)) {
      // Added before anything is served, so no custom resource can outlive its CRD.
      ObjectNode next = crd.deepCopy();
      ArrayNode finalizers = next.path("metadata").path("finalizers") instanceof ArrayNode a
          ? a : Json.metadata(next).putArray("finalizers");
      finalizers.add(CLEANUP_FINALIZER);
      writes.update(crdType(), next);
    } else {
      establish(crd);
    }
  }

  private void establish(ObjectNode crd) {
    CrdSpec spec = CrdSpec.of(crd);
    String conflict = nameConflict(spec);
    ObjectNode next = crd.deepCopy();
    ObjectNode status = Json.child(next, "status");
    String time = now.get();
    if (conflict != null) {
      Conditions.set(status, "NamesAccepted", false, conflict.split(":", 2)[0],
          conflict.split(":", 2)[1], time);
      if (!Conditions.isTrue(crd, "Established")) {
        Conditions.set(status, "Established", false, "NotAccepted",
            "not all names are accepted", time);
      }
    } else {
      serve(spec);
      status.set("acceptedNames", acceptedNames(spec));
      ArrayNode stored = status.path("storedVersions") instanceof ArrayNode a
          ? a : status.putArray("storedVersions");
      String storage = spec.storageVersion();
      if (storage != null && !containsText(stored, storage)) {
        stored.add(storage);
      }
      Conditions.set(status, "NamesAccepted", true, "NoConflicts", "no conflicts found", time);
      Conditions.set(status, "Established", true, "InitialNamesAccepted",
          "the initial names have been accepted", time);
    }
    if (!next.equals(crd)) {
      writes.write(crdType(), next, "status");
    }
  }

  /** "Reason:message" when another resource already uses the CRD's plural or kind. */
  private String nameConflict(CrdSpec spec) {
    for (ResourceType t : writes.operations().registry().all()) {
      if (!t.group().equals(spec.group()) || spec.name().equals(crdByResource.get(
          t.groupResource()))) {
        continue;
      }
      if (t.plural().equals(spec.plural())) {
        return "PluralConflict:\"" + spec.plural() + "\" is already in use";
      }
      if (t.kind().equals(spec.kind())) {
        return "KindConflict:\"" + spec.kind() + "\" is already in use";
      }
    }
    return null;
  }

  /** Serves the CRD's versions; the schemas come first so the first request is defaulted. */
  private void serve(CrdSpec spec) {
    Map<String, JsonNode> byVersion = new LinkedHashMap<>();
    for (JsonNode v : spec.versions()) {
      byVersion.put(v.path("name").asText(), v.path("schema").path("openAPIV3Schema"));
    }
    schemas.put(spec.group(), spec.kind(),
        new CrdSchemaStore.KindSchemas(spec.storageVersion(), Map.copyOf(byVersion)));
    ResourceRegistry registry = writes.operations().registry();
    List<ResourceType> desired = spec.servedTypes();
    List<ResourceType> current = registry.all().stream()
        .filter(t -> t.group().equals(spec.group()) && t.plural().equals(spec.plural()))
        .toList();
    if (!current.equals(desired)) {
      registry.unregister(spec.group(), spec.plural());
      desired.forEach(registry::register);
    }
    CrdSpec before = established.put(spec.name(), spec);
    if (before != null && !before.kind().equals(spec.kind())) {
      schemas.remove(before.group(), before.kind());
    }
    crdByResource.put(spec.groupResource(), spec.name());
  }

  private void cleanUp(ObjectNode crd) {
    if (!ObjectWrites.hasFinalizer(crd, CLEANUP_FINALIZER)) {
      return;
    }
    CrdSpec spec = CrdSpec.of(crd);
    if (!Conditions.isTrue(crd, "Terminating")) {
      ObjectNode next = crd.deepCopy();
      Conditions.set(Json.child(next, "status"), "Terminating", true,
          "InstanceDeletionInProgress", "CustomResource deletion is in progress", now.get());
      writes.write(crdType(), next, "status");
    }
    ResourceType type = writes.type(spec.groupResource()).orElse(null);
    List<ObjectNode> left = writes.operations().store().list(spec.groupResource(), null).items();
    if (type != null) {
      for (ObjectNode cr : left) {
        if (!ObjectWrites.terminating(cr)) {
          writes.delete(type, cr, "Background");
        }
      }
      left = writes.operations().store().list(spec.groupResource(), null).items();
    }
    if (!left.isEmpty()) {
      return; // the deletion of each remaining custom resource reconciles again
    }
    stopServing(spec.name());
    ObjectNode current = writes.current(new ObjectKey(CrdSpec.GROUP_RESOURCE, "", spec.name()));
    if (current != null) {
      writes.removeFinalizer(crdType(), current, CLEANUP_FINALIZER);
    }
  }

  private void stopServing(String name) {
    CrdSpec spec = established.remove(name);
    if (spec != null) {
      writes.operations().registry().unregister(spec.group(), spec.plural());
      schemas.remove(spec.group(), spec.kind());
      crdByResource.remove(spec.groupResource());
      // Names it held are free now: CRDs refused for a conflict in its group may be accepted.
      for (ObjectNode other : writes.operations().store().list(CrdSpec.GROUP_RESOURCE, null)
          .items()) {
        CrdSpec waiting = CrdSpec.of(other);
        if (waiting.group().equals(spec.group()) && !established.containsKey(waiting.name())) {
          queue.add(waiting.name());
        }
      }
    }
  }

  private ResourceType crdType() {
    return writes.type(CrdSpec.GROUP_RESOURCE).orElseThrow();
  }

  private static ObjectNode acceptedNames(CrdSpec spec) {
    ObjectNode names = Json.object();
    names.put("plural", spec.plural()).put("singular", spec.singular())
        .put("kind", spec.kind()).put("listKind", spec.listKind());
    if (!spec.shortNames().isEmpty()) {
      spec.shortNames().forEach(names.putArray("shortNames")::add);
    }
    if (!spec.categories().isEmpty()) {
      spec.categories().forEach(names.putArray("categories")::add);
    }
    return names;
  }

  private static boolean containsText(ArrayNode array, String value) {
    for (JsonNode n : array) {
      if (n.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
