package dev.converge.core.status.wait;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Related;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * RelatedObjects knows which related kinds the readiness model needs for a kind, and gathers them
 * for one object from the watched caches: a Deployment's ReplicaSets and their pods, the pods a
 * StatefulSet, DaemonSet, ReplicaSet or Job owns, a claim's StorageClass, a custom resource's
 * definition, and the Warning events of the namespace.
 */
final class RelatedObjects {
  private static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";

  private RelatedObjects() {}

  /** A related kind to watch; namespaced ones are watched in the target's namespace. */
  record Need(ResourceType type, boolean namespaced) {}

  static List<Need> needs(ResourceType type, boolean namespaced, boolean watchEvents) {
    List<Need> out = new ArrayList<>();
    switch (type.groupKind()) {
      case "apps/Deployment" -> {
        out.add(new Need(ResourceType.REPLICA_SETS, true));
        out.add(new Need(ResourceType.PODS, true));
      }
      case "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet", "batch/Job" ->
          out.add(new Need(ResourceType.PODS, true));
      case "/PersistentVolumeClaim" -> out.add(new Need(ResourceType.STORAGE_CLASSES, false));
      default -> {
        if (type.isCustom()) {
          out.add(new Need(ResourceType.CRDS, false));
        }
      }
    }
    // Events live in the object's namespace; cluster-scoped objects' events are elsewhere.
    if (watchEvents && namespaced) {
      out.add(new Need(ResourceType.EVENTS, true));
    }
    return out;
  }

  /** Whether the kind's readiness depends on pods (and so on ReplicaSets and pod changes). */
  static boolean usesPods(ResourceType type) {
    return switch (type.groupKind()) {
      case "apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet", "batch/Job" ->
          true;
      default -> false;
    };
  }

  static Related gather(
      WatchSource source,
      ResourceType type,
      @Nullable String ns,
      @Nullable JsonNode obj,
      boolean seenComplete) {
    Related.Builder b = Related.builder().seenComplete(seenComplete);
    if (obj == null) {
      return b.build();
    }
    String uid = obj.path("metadata").path("uid").asText("");
    switch (type.groupKind()) {
      case "apps/Deployment" -> {
        List<JsonNode> replicaSets = source.listOwnedBy(ResourceType.REPLICA_SETS, ns, Set.of(uid));
        Set<String> rsUids = new HashSet<>();
        replicaSets.forEach(rs -> rsUids.add(rs.path("metadata").path("uid").asText("")));
        b.replicaSets(replicaSets).pods(source.listOwnedBy(ResourceType.PODS, ns, rsUids));
      }
      case "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet", "batch/Job" ->
          b.pods(source.listOwnedBy(ResourceType.PODS, ns, Set.of(uid)));
      case "/PersistentVolumeClaim" -> b.storageClass(storageClass(source, obj));
      default -> {
        if (type.isCustom()) {
          b.definition(definition(source, type));
        }
      }
    }
    if (ns != null) {
      b.events(warnings(source.list(ResourceType.EVENTS, ns)));
    }
    return b.build();
  }

  private static List<JsonNode> warnings(Iterable<JsonNode> events) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : events) {
      if ("Warning".equals(e.path("type").asText(""))) {
        out.add(e);
      }
    }
    return out;
  }

  /** The named class, or the default class when the claim names none. */
  private static @Nullable JsonNode storageClass(WatchSource source, JsonNode claim) {
    JsonNode named = claim.path("spec").path("storageClassName");
    if (named.isTextual()) {
      return source.get(ResourceType.STORAGE_CLASSES, null, named.asText());
    }
    for (JsonNode sc : source.list(ResourceType.STORAGE_CLASSES, null)) {
      if ("true".equals(sc.path("metadata").path("annotations").path(DEFAULT_CLASS).asText(""))) {
        return sc;
      }
    }
    return null;
  }

  private static @Nullable JsonNode definition(WatchSource source, ResourceType type) {
    for (JsonNode crd : source.list(ResourceType.CRDS, null)) {
      JsonNode spec = crd.path("spec");
      if (type.group().equals(spec.path("group").asText(""))
          && type.kind().equals(spec.path("names").path("kind").asText(""))) {
        return crd;
      }
    }
    return null;
  }
}
