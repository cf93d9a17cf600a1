package dev.converge.sandbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceRegistry;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.apply.FieldManager;
import dev.converge.sandbox.patch.PatchErrors;
import dev.converge.sandbox.patch.PatchType;
import dev.converge.sandbox.patch.Patcher;
import dev.converge.sandbox.schema.SchemaRegistry;
import dev.converge.sandbox.store.Mutation.Outcome;
import dev.converge.sandbox.store.ObjectStore;
import dev.converge.sandbox.validation.ObjectRules;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Operations implements the API verbs with the API server's semantics: metadata stamping,
 * optimistic concurrency, generation, status subresource, dry run, finalizers and deletion
 * propagation, namespace admission. It is transport-free: the HTTP layer and the in-process
 * lifecycle controllers both call it.
 */
public final class Operations {
  private static final String NAME_SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789";

  private final ResourceRegistry registry;
  private final ObjectStore store;
  private final FieldManager fields;
  private final ObjectRules rules;
  private final SchemaRegistry schemas;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final List<AdmissionHook> hooks = new CopyOnWriteArrayList<>();

  public Operations(ResourceRegistry registry, ObjectStore store, FieldManager fields,
      ObjectRules rules, SchemaRegistry schemas, Clock clock) {
    this.registry = registry;
    this.store = store;
    this.fields = fields;
    this.rules = rules;
    this.schemas = schemas;
    this.clock = clock;
  }

  /** Adds defaulting and validation run after the built-in rules on every write. */
  public void addAdmissionHook(AdmissionHook hook) {
    hooks.add(hook);
  }

  public ResourceRegistry registry() {
    return registry;
  }

  public ObjectStore store() {
    return store;
  }

  /** Deletion outcome: whether the object is gone, and its last (or terminating) state. */
  public record DeleteResult(boolean deleted, ObjectNode object) {}

  // ---- reads ---------------------------------------------------------------------------------

  public ObjectNode get(ResourceType type, String ns, String name) {
    ObjectNode obj = store.get(type.groupResource(), scope(type, ns), name);
    if (obj == null) {
      throw ApiException.notFound(type, name);
    }
    return ServerFields.served(type, obj);
  }

  /** The list document for a list request, with pagination. */
  public ObjectNode list(ResourceType type, String ns, ListOptions options) {
    ObjectStore.Snapshot snap = store.list(type.groupResource(), scope(type, ns));
    long listRevision = snap.revision();
    String after = null;
    if (options.continueToken() != null && !options.continueToken().isEmpty()) {
      String[] token = ContinueTokens.decodeContinue(options.continueToken());
      listRevision = Long.parseLong(token[0]);
      after = token[1];
    }
    ObjectNode out = Json.object();
    out.put("kind", type.listKind()).put("apiVersion", type.apiVersion());
    ObjectNode meta = out.putObject("metadata");
    ArrayNode items = out.putArray("items");
    int count = 0;
    String lastKey = null;
    int remaining = 0;
    for (ObjectNode obj : snap.items()) {
      String key = ContinueTokens.key(obj);
      if (after != null && key.compareTo(after) <= 0) {
        continue;
      }
      if (!options.labels().matches(obj.path("metadata").get("labels"))
          || !options.fields().matches(obj)) {
        continue;
      }
      if (options.limit() > 0 && count >= options.limit()) {
        remaining++;
        continue;
      }
      items.add(ServerFields.served(type, obj));
      lastKey = key;
      count++;
    }
    meta.put("resourceVersion", Long.toString(listRevision));
    if (remaining > 0) {
      meta.put("continue", ContinueTokens.encodeContinue(listRevision, lastKey));
      meta.put("remainingItemCount", remaining);
    }
    return out;
  }

  // ---- writes --------------------------------------------------------------------------------

  public ObjectNode create(ResourceType type, String ns, ObjectNode body, RequestContext ctx) {
    RequestChecks.checkKind(type, body);
    ObjectNode obj = body.deepCopy();
    ObjectNode meta = Json.metadata(obj);
    String namespace = RequestChecks.namespaceFor(type, ns, meta);
    String name = meta.path("name").asText("");
    if (name.isEmpty()) {
      String prefix = meta.path("generateName").asText("");
      if (prefix.isEmpty()) {
        throw ApiException.invalid(type, "", "metadata.name", "FieldValueRequired",
            "Required value: name or generateName is required");
      }
      name = prefix + randomSuffix();
      meta.put("name", name);
    }
    String finalName = name;
    defaults(type, obj);
    validateCreate(type, obj);
    admitNamespace(type, namespace, finalName);
    ObjectNode stored = store.mutate(type.groupResource(), namespace, name, (cur, rev) -> {
      if (cur != null) {
        throw ApiException.alreadyExists(type, finalName);
      }
      ObjectNode next = stampCreate(type, obj, rev);
      fields.recordUpdate(type, null, next, ctx.fieldManager(), "");
      return ctx.dryRun() ? Outcome.none(next) : Outcome.put(next);
    });
    return ServerFields.served(type, stored);
  }

  public ObjectNode update(ResourceType type, String ns, String name, ObjectNode body,
      String subresource, RequestContext ctx) {
    RequestChecks.checkKind(type, body);
    String namespace = scope(type, ns);
    RequestChecks.checkName(body, name);
    ObjectNode stored = store.mutate(type.groupResource(), namespace, name, (cur, rev) -> {
      if (cur == null) {
        throw ApiException.notFound(type, name);
      }
      String rv = Json.textAt(body, "metadata", "resourceVersion");
      if (rv != null && !rv.isEmpty() && !rv.equals(ServerFields.resourceVersion(cur))) {
        throw ApiException.staleResourceVersion(type, name);
      }
      return commitUpdate(type, cur, body.deepCopy(), subresource, ctx, rev);
    });
    return ServerFields.served(type, stored);
  }

  public ObjectNode patch(ResourceType type, String ns, String name, PatchType patchType,
      JsonNode patch, String subresource, RequestContext ctx) {
    String namespace = scope(type, ns);
    if (patchType == PatchType.STRATEGIC
        && !schemas.forKind(type.group(), type.kind()).supportsStrategicMerge()) {
      // Refused before the object is read, as the real server does for custom resources.
      throw PatchErrors.strategicMergeUnsupported();
    }
    if (patchType.isApply()) {
      if (!(patch instanceof ObjectNode applied)) {
        throw ApiException.badRequest("apply patch must be an object");
      }
      RequestChecks.checkKind(type, applied);
      RequestChecks.checkName(applied, name);
      if (ctx.fieldManager() == null || ctx.fieldManager().isEmpty()) {
        throw ApiException.badRequest(
            "PATCH, application/apply-patch+yaml requests require fieldManager to be set");
      }
      if (store.get(type.groupResource(), namespace, name) == null) {
        admitNamespace(type, namespace, name);
      }
    }
    ObjectNode stored = store.mutate(type.groupResource(), namespace, name, (cur, rev) -> {
      if (patchType.isApply()) {
        ObjectNode applied = ((ObjectNode) patch).deepCopy();
        Json.metadata(applied).put("name", name);
        if (type.namespaced()) {
          Json.metadata(applied).put("namespace", namespace);
        }
        if (cur == null) {
          // Defaults are set on the merged object only: an applier owns just what it sent.
          ObjectNode merged = fields.apply(type, null, applied, ctx.fieldManager(), ctx.force(),
              subresource);
          defaults(type, merged);
          validateCreate(type, merged);
          ObjectNode next = stampCreate(type, merged, rev);
          return ctx.dryRun() ? Outcome.none(next) : Outcome.put(next);
        }
        ObjectNode merged = fields.apply(type, cur, applied, ctx.fieldManager(), ctx.force(),
            subresource);
        return commitMerged(type, cur, merged, subresource, ctx, rev);
      }
      if (cur == null) {
        throw ApiException.notFound(type, name);
      }
      ObjectNode patched =
          Patcher.apply(patchType, cur, patch, schemas.forKind(type.group(), type.kind()));
      String rv = Json.textAt(patched, "metadata", "resourceVersion");
      if (rv != null && !rv.isEmpty() && !rv.equals(ServerFields.resourceVersion(cur))) {
        throw ApiException.staleResourceVersion(type, name);
      }
      return commitUpdate(type, cur, patched, subresource, ctx, rev);
    });
    return ServerFields.served(type, stored);
  }

  public DeleteResult delete(ResourceType type, String ns, String name, DeleteOptions options,
      RequestContext ctx) {
    String namespace = scope(type, ns);
    boolean[] deleted = {false};
    ObjectNode result = store.mutate(type.groupResource(), namespace, name, (cur, rev) -> {
      if (cur == null) {
        throw ApiException.notFound(type, name);
      }
      RequestChecks.checkPreconditions(type, name, cur, options);
      ObjectNode meta = (ObjectNode) cur.get("metadata");
      if (meta.hasNonNull("deletionTimestamp")) {
        return Outcome.none(cur);
      }
      ObjectNode next = cur.deepCopy();
      ObjectNode nextMeta = Json.metadata(next);
      ArrayNode finalizers = nextMeta.has("finalizers")
          ? (ArrayNode) nextMeta.get("finalizers") : Json.NODES.arrayNode();
      String policy = options.effectivePropagation();
      if (policy.equals("Orphan")) {
        ServerFields.addFinalizer(finalizers, "orphan");
      } else if (policy.equals("Foreground")) {
        ServerFields.addFinalizer(finalizers, "foregroundDeletion");
      }
      boolean namespaceHeld = type.kind().equals("Namespace") && type.group().isEmpty()
          && next.path("spec").path("finalizers").size() > 0;
      if (finalizers.isEmpty() && !namespaceHeld) {
        deleted[0] = true;
        return ctx.dryRun() ? Outcome.none(cur) : Outcome.delete(cur);
      }
      if (!finalizers.isEmpty()) {
        nextMeta.set("finalizers", finalizers);
      }
      nextMeta.put("deletionTimestamp", now());
      nextMeta.put("deletionGracePeriodSeconds", 0);
      if (ServerFields.tracksGeneration(type)) {
        nextMeta.put("generation", meta.path("generation").asLong(1) + 1);
      }
      if (namespaceHeld) {
        Json.child(next, "status").put("phase", "Terminating");
      }
      nextMeta.put("resourceVersion", Long.toString(rev));
      return ctx.dryRun() ? Outcome.none(next) : Outcome.put(next);
    });
    return new DeleteResult(deleted[0], ServerFields.served(type, result));
  }

  // ---- internals -----------------------------------------------------------------------------

  private void defaults(ResourceType type, ObjectNode obj) {
    defaults(type, null, obj);
  }

  /** Built-in defaults (which may keep values from {@code previous}), then admission hooks. */
  private void defaults(ResourceType type, ObjectNode previous, ObjectNode obj) {
    if (previous == null) {
      rules.defaults(type, obj);
    } else {
      rules.defaults(type, previous, obj);
    }
    for (AdmissionHook hook : hooks) {
      hook.defaults(type, obj);
    }
  }

  private void validateCreate(ResourceType type, ObjectNode obj) {
    rules.validateCreate(type, obj);
    for (AdmissionHook hook : hooks) {
      hook.validate(type, null, obj);
    }
  }

  private void validateUpdate(ResourceType type, ObjectNode cur, ObjectNode next) {
    rules.validateUpdate(type, cur, next);
    for (AdmissionHook hook : hooks) {
      hook.validate(type, cur, next);
    }
  }

  private Outcome commitUpdate(ResourceType type, ObjectNode cur, ObjectNode next,
      String subresource, RequestContext ctx, long rev) {
    ObjectNode merged = ServerFields.mergeSubresource(type, cur, next, subresource);
    ServerFields.carryServerMetadata(cur, merged);
    ObjectNode nextMeta = Json.metadata(merged);
    if (!nextMeta.has("managedFields") && cur.path("metadata").has("managedFields")) {
      nextMeta.set("managedFields", cur.path("metadata").get("managedFields").deepCopy());
    }
    fields.recordUpdate(type, cur, merged, ctx.fieldManager(), subresource);
    return commitMerged(type, cur, merged, subresource, ctx, rev);
  }

  /** Final steps shared by update, patch and apply: validation, generation, finalizers. */
  private Outcome commitMerged(ResourceType type, ObjectNode cur, ObjectNode merged,
      String subresource, RequestContext ctx, long rev) {
    merged = ServerFields.mergeSubresource(type, cur, merged, subresource);
    ServerFields.carryServerMetadata(cur, merged);
    defaults(type, cur, merged);
    validateUpdate(type, cur, merged);
    ObjectNode nextMeta = Json.metadata(merged);
    nextMeta.put("resourceVersion", ServerFields.resourceVersion(cur));
    if (ServerFields.tracksGeneration(type) && ServerFields.specChanged(type, cur, merged)) {
      nextMeta.put("generation", cur.path("metadata").path("generation").asLong(1) + 1);
    }
    if (merged.equals(cur)) {
      return Outcome.none(cur);
    }
    if (nextMeta.hasNonNull("deletionTimestamp") && nextMeta.path("finalizers").isEmpty()
        && !ServerFields.namespaceHeld(type, merged)) {
      return ctx.dryRun() ? Outcome.none(merged) : Outcome.delete(merged);
    }
    if (ctx.dryRun()) {
      // A dry run persists nothing, so it keeps the stored resourceVersion (kubectl diff
      // compares the live object with this answer).
      return Outcome.none(merged);
    }
    nextMeta.put("resourceVersion", Long.toString(rev));
    return Outcome.put(merged);
  }

  private ObjectNode stampCreate(ResourceType type, ObjectNode obj, long rev) {
    ObjectNode next = obj.deepCopy();
    next.put("apiVersion", type.apiVersion());
    next.put("kind", type.kind());
    ObjectNode meta = Json.metadata(next);
    meta.put("uid", UUID.randomUUID().toString());
    meta.put("creationTimestamp", now());
    meta.put("resourceVersion", Long.toString(rev));
    meta.remove("deletionTimestamp");
    meta.remove("deletionGracePeriodSeconds");
    meta.remove("selfLink");
    if (ServerFields.tracksGeneration(type)) {
      meta.put("generation", 1);
    } else {
      meta.remove("generation");
    }
    if (type.statusSubresource()) {
      next.remove("status");
      // Schema defaults inside status apply to the reset status, as the real server defaults
      // on read from storage.
      defaults(type, next);
    }
    // Some defaults derive from the uid (a Job's generated selector).
    rules.defaults(type, next);
    if (type.group().isEmpty() && type.kind().equals("Namespace")) {
      ArrayNode fin = Json.child(next, "spec").putArray("finalizers");
      fin.add("kubernetes");
      Json.child(next, "status").put("phase", "Active");
      Json.child(meta, "labels").put("kubernetes.io/metadata.name", meta.path("name").asText());
    }
    return next;
  }

  private void admitNamespace(ResourceType type, String namespace, String name) {
    if (!type.namespaced()) {
      return;
    }
    ObjectNode ns = store.get("namespaces", "", namespace);
    if (ns == null) {
      throw ApiException.notFound("namespaces \"" + namespace + "\" not found");
    }
    if (ns.path("metadata").hasNonNull("deletionTimestamp")) {
      String message = "unable to create new content in namespace " + namespace
          + " because it is being terminated";
      throw ApiException.forbidden(type, name, message, List.of(new ApiException.Cause(
          "NamespaceTerminating", "namespace " + namespace + " is being terminated",
          "metadata.namespace")));
    }
  }

  private static String scope(ResourceType type, String ns) {
    return type.namespaced() && ns != null ? ns : "";
  }

  private String randomSuffix() {
    StringBuilder sb = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      sb.append(NAME_SUFFIX_CHARS.charAt(random.nextInt(NAME_SUFFIX_CHARS.length())));
    }
    return sb.toString();
  }

  private String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** All objects of every namespaced resource in a namespace (for namespace deletion). */
  public List<ResourceType> namespacedTypes() {
    List<ResourceType> out = new ArrayList<>();
    for (ResourceType t : registry.all()) {
      if (t.namespaced() && out.stream().noneMatch(o -> o.groupResource().equals(t.groupResource()))) {
        out.add(t);
      }
    }
    return out;
  }
}
