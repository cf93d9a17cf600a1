package dev.converge.sandbox.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * ResourceRegistry knows every resource the sandbox serves: the built-ins from the start and
 * custom resources once their CustomResourceDefinition is established. Reads are lock-free; CRD
 * registration is rare and copies the list.
 */
public final class ResourceRegistry {
  private final CopyOnWriteArrayList<ResourceType> types = new CopyOnWriteArrayList<>();

  public static ResourceRegistry withBuiltins() {
    ResourceRegistry registry = new ResourceRegistry();
    registry.types.addAll(BuiltinTypes.all());
    return registry;
  }

  /** The type served at {@code /apis/group/version/plural}, if any. */
  public Optional<ResourceType> byPath(String group, String version, String plural) {
    for (ResourceType t : types) {
      if (t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The type of objects with this apiVersion and kind, if served. */
  public Optional<ResourceType> byKind(String apiVersion, String kind) {
    for (ResourceType t : types) {
      if (t.apiVersion().equals(apiVersion) && t.kind().equals(kind)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Any served version of the resource stored under {@code groupResource}. */
  public Optional<ResourceType> byGroupResource(String groupResource) {
    for (ResourceType t : types) {
      if (t.groupResource().equals(groupResource)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  public List<ResourceType> all() {
    return List.copyOf(types);
  }

  /** Served versions per group, in registration order (first is preferred). */
  public Map<String, List<String>> groupVersions() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (ResourceType t : types) {
      List<String> versions = out.computeIfAbsent(t.group(), g -> new ArrayList<>());
      if (!versions.contains(t.version())) {
        versions.add(t.version());
      }
    }
    return out;
  }

  public List<ResourceType> inGroupVersion(String group, String version) {
    List<ResourceType> out = new ArrayList<>();
    for (ResourceType t : types) {
      if (t.group().equals(group) && t.version().equals(version)) {
        out.add(t);
      }
    }
    return out;
  }

  /** Serves a new type, replacing any earlier registration of the same group/version/plural. */
  public synchronized void register(ResourceType type) {
    types.removeIf(t -> t.group().equals(type.group()) && t.version().equals(type.version())
        && t.plural().equals(type.plural()));
    types.add(type);
  }

  /** Stops serving every version of a resource. */
  public synchronized void unregister(String group, String plural) {
    types.removeIf(t -> t.group().equals(group) && t.plural().equals(plural));
  }
}
