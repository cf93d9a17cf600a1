package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * CrdSchemaStore holds the schemas of established CRDs. The CRD controller writes it on the
 * lifecycle thread; request threads read it lock-free (defaulting, apply merge structure).
 */
final class CrdSchemaStore implements CustomResourceSchemas {
  /** Schemas of one kind: by served version, plus the storage version's name. */
  record KindSchemas(String storageVersion, Map<String, JsonNode> byVersion) {}

  private final Map<String, KindSchemas> kinds = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  @Override
  public Optional<JsonNode> schemaFor(String group, String kind) {
    KindSchemas k = kinds.get(key(group, kind));
    return k == null ? Optional.empty() : Optional.ofNullable(k.byVersion().get(k.storageVersion()));
  }

  @Override
  public Optional<JsonNode> schemaFor(String group, String version, String kind) {
    KindSchemas k = kinds.get(key(group, kind));
    return k == null ? Optional.empty() : Optional.ofNullable(k.byVersion().get(version));
  }

  @Override
  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  void put(String group, String kind, KindSchemas schemas) {
    KindSchemas before = kinds.put(key(group, kind), schemas);
    if (!schemas.equals(before)) {
      listeners.forEach(l -> l.changed(group, kind));
    }
  }

  void remove(String group, String kind) {
    if (kinds.remove(key(group, kind)) != null) {
      listeners.forEach(l -> l.changed(group, kind));
    }
  }

  private static String key(String group, String kind) {
    return group + "/" + kind;
  }
}
