package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.store.WatchEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * GarbageCollector deletes objects whose owners (metadata.ownerReferences, matched by uid) are
 * all gone, and carries out the propagation a deleted owner asked for: Foreground (the owner
 * waits, with the "foregroundDeletion" finalizer, until its dependents are gone) and Orphan (its
 * dependents lose the reference, then the "orphan" finalizer is removed).
 */
final class GarbageCollector implements Controller {
  static final String FOREGROUND = "foregroundDeletion";
  static final String ORPHAN = "orphan";

  private final ObjectWrites writes;
  private final OwnerIndex index = new OwnerIndex();
  /** Dependents whose owners may have gone. */
  private final WorkQueue<ObjectKey> dependents;
  /** Owners being deleted in Foreground or Orphan mode, by uid. */
  private final WorkQueue<String> owners;

  GarbageCollector(ObjectWrites writes, ScheduledExecutorService executor) {
    this.writes = writes;
    this.dependents = new WorkQueue<>("gc-dependent", executor, this::attemptToDelete);
    this.owners = new WorkQueue<>("gc-owner", executor, this::processOwner);
  }

  @Override
  public void observe(WatchEvent event) {
    ObjectNode obj = event.object();
    ObjectKey key = ObjectKey.of(event);
    String uid = ObjectKey.uid(obj);
    if (event.type().equals("DELETED")) {
      index.remove(key, uid).forEach(owners::add);
      index.dependentsOf(uid).forEach(dependents::add);
      return;
    }
    List<String> ownerUids = new ArrayList<>();
    for (JsonNode ref : obj.path("metadata").path("ownerReferences")) {
      ownerUids.add(ref.path("uid").asText());
    }
    index.put(key, uid, ownerUids).forEach(owners::add);
    if (!ownerUids.isEmpty()) {
      dependents.add(key);
    }
    if (ObjectWrites.terminating(obj) && (ObjectWrites.hasFinalizer(obj, FOREGROUND)
        || ObjectWrites.hasFinalizer(obj, ORPHAN))) {
      owners.add(uid);
    }
  }

  /** Deletes a dependent whose owners are all gone or waiting for it; unlinks it otherwise. */
  private void attemptToDelete(ObjectKey key) {
    ObjectNode obj = writes.current(key);
    Optional<ResourceType> type = writes.type(key.groupResource());
    if (obj == null || ObjectWrites.terminating(obj) || type.isEmpty()) {
      return;
    }
    Set<String> solid = new HashSet<>();
    Set<String> notSolid = new HashSet<>();
    boolean waiting = false;
    for (JsonNode ref : obj.path("metadata").path("ownerReferences")) {
      String ownerUid = ref.path("uid").asText();
      ObjectNode owner = owner(key, ref);
      if (owner == null) {
        notSolid.add(ownerUid);
      } else if (ObjectWrites.terminating(owner) && ObjectWrites.hasFinalizer(owner, FOREGROUND)) {
        notSolid.add(ownerUid);
        waiting = true;
      } else {
        solid.add(ownerUid);
      }
    }
    if (notSolid.isEmpty()) {
      return;
    }
    if (!solid.isEmpty()) {
      // Another owner still holds the object: only the references to gone owners go.
      removeOwnerReferences(type.get(), obj, notSolid);
      return;
    }
    // An owner deleted in Foreground waits for the whole subtree, so the subtree goes the same way.
    boolean hasDependents = !index.dependentsOf(ObjectKey.uid(obj)).isEmpty();
    writes.delete(type.get(), obj, waiting && hasDependents ? "Foreground" : "Background");
  }

  /** The live owner a reference points to, or null when it is gone (or was replaced). */
  private ObjectNode owner(ObjectKey dependent, JsonNode ref) {
    ObjectKey at = index.locate(ref.path("uid").asText());
    if (at == null || !at.name().equals(ref.path("name").asText())
        || !(at.namespace().isEmpty() || at.namespace().equals(dependent.namespace()))) {
      return null;
    }
    ObjectNode owner = writes.current(at);
    return owner != null && ObjectKey.uid(owner).equals(ref.path("uid").asText()) ? owner : null;
  }

  /** Finishes an owner's Orphan or Foreground deletion once its dependents allow it. */
  private void processOwner(String uid) {
    ObjectKey key = index.locate(uid);
    ObjectNode obj = key == null ? null : writes.current(key);
    Optional<ResourceType> type = key == null ? Optional.empty() : writes.type(key.groupResource());
    if (obj == null || !ObjectWrites.terminating(obj) || type.isEmpty()
        || !ObjectKey.uid(obj).equals(uid)) {
      return;
    }
    Set<ObjectKey> deps = index.dependentsOf(uid);
    if (ObjectWrites.hasFinalizer(obj, ORPHAN)) {
      for (ObjectKey dep : deps) {
        ObjectNode d = writes.current(dep);
        Optional<ResourceType> depType = writes.type(dep.groupResource());
        if (d != null && depType.isPresent()) {
          removeOwnerReferences(depType.get(), d, Set.of(uid));
        }
      }
      writes.removeFinalizer(type.get(), obj, ORPHAN);
      return;
    }
    if (ObjectWrites.hasFinalizer(obj, FOREGROUND)) {
      if (deps.isEmpty()) {
        writes.removeFinalizer(type.get(), obj, FOREGROUND);
      } else {
        deps.forEach(dependents::add);
      }
    }
  }

  private void removeOwnerReferences(ResourceType type, ObjectNode obj, Set<String> uids) {
    ObjectNode next = obj.deepCopy();
    ArrayNode kept = Json.NODES.arrayNode();
    for (JsonNode ref : obj.path("metadata").path("ownerReferences")) {
      if (!uids.contains(ref.path("uid").asText())) {
        kept.add(ref);
      }
    }
    if (kept.size() == obj.path("metadata").path("ownerReferences").size()) {
      return;
    }
    if (kept.isEmpty()) {
      Json.metadata(next).remove("ownerReferences");
    } else {
      Json.metadata(next).set("ownerReferences", kept);
    }
    writes.update(type, next);
  }
}
