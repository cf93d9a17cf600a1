package dev.converge.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.schema.SchemaRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * FieldManager tracks field ownership in {@code metadata.managedFields} and performs server-side
 * apply with the API server's rules: an applier owns exactly the fields of its configuration,
 * changing a field another manager owns is a conflict unless forced, fields an applier stops
 * applying are removed unless someone else owns them, and any other write takes ownership of what
 * it changed. A write that changes nothing leaves managedFields exactly as they were.
 */
public final class FieldManager {
  private final SchemaRegistry schemas;
  private final Clock clock;

  public FieldManager(SchemaRegistry schemas, Clock clock) {
    this.schemas = schemas;
    this.clock = clock;
  }

  /**
   * Records a non-apply write (create, update, patch): {@code manager} becomes an "Update" owner
   * of the fields it set or changed, which other managers lose. Updates {@code next} in place.
   *
   * @param previous the object before the write, null for a create
   */
  public void recordUpdate(ResourceType type, ObjectNode previous, ObjectNode next,
      String manager, String subresource) {
    FieldScope scope = scope(type, subresource);
    ObjectNode nextMeta = Json.metadata(next);
    JsonNode before = previous == null ? null : previous.path("metadata").get("managedFields");
    JsonNode sent = nextMeta.get("managedFields");
    // As on a real server, managedFields in the request body replace the stored ones unless
    // they are absent or an empty list.
    JsonNode base = sent != null && sent.isArray() && !sent.isEmpty() ? sent : before;
    Comparison change = Comparison.between(previous == null ? Json.object() : previous, next,
        scope);
    if (change.isEmpty()) {
      if (base != sent) {
        setManagedFields(nextMeta, base == null ? null : base.deepCopy());
      } else if (sent != null && ManagedEntry.decode(sent).size() != sent.size()) {
        // [{}] is how clients reset managedFields: empty entries are dropped.
        setManagedFields(nextMeta, ManagedEntry.encode(ManagedEntry.decode(sent)));
      }
      return;
    }
    FieldSet changed = change.changed();
    String sub = subresource == null ? "" : subresource;
    String name = manager == null || manager.isEmpty() ? "unknown" : manager;
    List<ManagedEntry> entries = ManagedEntry.decode(base);
    ManagedEntry own = null;
    for (int i = 0; i < entries.size(); i++) {
      ManagedEntry e = entries.get(i);
      if (own == null && e.is(name, ManagedEntry.UPDATE, type.apiVersion(), sub)) {
        own = e;
        entries.remove(i--);
      } else {
        entries.set(i, e.withFields(e.fields().difference(changed).difference(change.removed())));
      }
    }
    FieldSet owned = own == null ? changed
        : own.fields().difference(change.removed()).union(changed);
    entries.add(new ManagedEntry(name, ManagedEntry.UPDATE, type.apiVersion(), now(), sub,
        owned));
    setManagedFields(nextMeta, ManagedEntry.encode(entries));
  }

  /**
   * Server-side apply of {@code applied} by {@code manager} onto {@code live} (null: create).
   * {@code applied} is consumed: its values are moved into the result.
   *
   * @return the merged object, managedFields updated; equal to {@code live} when the
   *     configuration is already applied
   * @throws ApiException 409 with FieldManagerConflict causes when another manager owns a field
   *     with a different value and {@code force} is false
   */
  public ObjectNode apply(ResourceType type, ObjectNode live, ObjectNode applied, String manager,
      boolean force, String subresource) {
    if (!applied.path("metadata").path("managedFields").isEmpty()) {
      throw ApiException.badRequest("metadata.managedFields must be nil");
    }
    FieldScope scope = scope(type, subresource);
    String sub = subresource == null ? "" : subresource;
    FieldSet appliedFields = ObjectFields.of(applied, scope);
    ObjectNode merged = live == null ? Json.object() : live.deepCopy();
    ApplyMerge.into(merged, applied, scope);

    List<ManagedEntry> entries = live == null ? new ArrayList<>()
        : ManagedEntry.decode(live.path("metadata").get("managedFields"));
    ManagedEntry own = null;
    FieldSet others = FieldSet.empty();
    for (int i = 0; i < entries.size(); i++) {
      ManagedEntry e = entries.get(i);
      if (own == null && e.is(manager, ManagedEntry.APPLY, null, sub)) {
        own = e;
        entries.remove(i--);
      } else {
        others = others.union(e.fields());
      }
    }
    if (own != null) {
      FieldPruner.prune(merged, own.fields().difference(appliedFields), others, scope);
    }
    boolean changed = live == null;
    if (live != null) {
      Comparison change = Comparison.between(live, merged, scope);
      changed = !change.isEmpty();
      if (changed) {
        takeOwnership(type, entries, change, force);
      }
    }
    if (!changed && own != null && own.fields().equals(appliedFields)) {
      return merged; // already applied: managedFields stay as they are, time included
    }
    entries.add(new ManagedEntry(manager, ManagedEntry.APPLY, type.apiVersion(), now(), sub,
        appliedFields));
    setManagedFields(Json.metadata(merged), ManagedEntry.encode(entries));
    return merged;
  }

  /**
   * Moves the changed fields to the applier. Other owners of a changed field are conflicts; with
   * {@code force} they lose the field instead. Removed fields are no one's any more.
   */
  private static void takeOwnership(ResourceType type, List<ManagedEntry> others,
      Comparison change, boolean force) {
    FieldSet changed = change.changed();
    List<ApiException.Cause> causes = new ArrayList<>();
    StringBuilder message = new StringBuilder();
    for (int i = 0; i < others.size(); i++) {
      ManagedEntry e = others.get(i);
      FieldSet lost = e.fields().intersection(changed);
      if (!lost.isEmpty() && !force) {
        for (FieldPath p : lost.paths()) {
          String who = "conflict with " + e.describe();
          causes.add(new ApiException.Cause("FieldManagerConflict", who, p.toString()));
          message.append(message.length() == 0 ? "" : "\n").append(who).append(": ").append(p);
        }
      }
      others.set(i, e.withFields(e.fields().difference(lost).difference(change.removed())));
    }
    if (!causes.isEmpty()) {
      String summary = "Apply failed with " + causes.size()
          + (causes.size() == 1 ? " conflict: " : " conflicts: ") + message;
      throw new ApiException(409, "Conflict", summary, null, null, null, causes, null);
    }
  }

  private FieldScope scope(ResourceType type, String subresource) {
    return FieldScope.of(schemas.forKind(type.group(), type.kind()), type, subresource);
  }

  private static void setManagedFields(ObjectNode meta, JsonNode managedFields) {
    if (managedFields == null || managedFields.isEmpty()) {
      meta.remove("managedFields");
    } else {
      meta.set("managedFields", managedFields);
    }
  }

  private String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
