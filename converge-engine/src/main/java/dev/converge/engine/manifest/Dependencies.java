package dev.converge.engine.manifest;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hard dependencies among a validated set, object to the objects it must follow: its Namespace
 * when the set holds it, the CRD of the set that defines its kind, and what its
 * {@code config.kubernetes.io/depends-on} annotation names. References to objects outside the set
 * are left out here; validation reports them.
 */
public final class Dependencies {
  private Dependencies() {}

  public static Map<ObjectKey, Set<ObjectKey>> of(List<ManifestObject> objects) {
    CrdIndex crds = CrdIndex.of(objects);
    Map<ObjectKey, Set<ObjectKey>> edges = new LinkedHashMap<>();
    for (ManifestObject object : objects) {
      edges.put(object.key(), new LinkedHashSet<>());
    }
    for (ManifestObject object : objects) {
      Set<ObjectKey> needs = edges.get(object.key());
      if (object.namespace() != null) {
        ObjectKey namespace = new ObjectKey("", "Namespace", null, object.namespace());
        if (edges.containsKey(namespace)) {
          needs.add(namespace);
        }
      }
      crds.provider(object.apiVersion(), object.kind()).ifPresent(p -> needs.add(p.crd()));
      for (ObjectKey ref : explicit(object)) {
        if (edges.containsKey(ref) && !ref.equals(object.key())) {
          needs.add(ref);
        }
      }
    }
    return edges;
  }

  /** The objects the depends-on annotation names; empty when absent or malformed. */
  static List<ObjectKey> explicit(ManifestObject object) {
    Map<String, String> annotations = object.resource().getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(DependsOn.ANNOTATION);
    if (value == null) {
      return List.of();
    }
    try {
      return DependsOn.parse(value);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }
}
