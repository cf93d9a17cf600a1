package dev.converge.core.status.wait;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * OwnerChain names the objects whose readiness a changed pod, ReplicaSet or event can affect: the
 * owners of a pod and its ReplicaSet's owners (pod → ReplicaSet → Deployment), the owners of a
 * ReplicaSet, and for an event its subject plus, when the subject is a pod, that pod's chain. A
 * wait then recomputes only those targets instead of every target in the namespace.
 *
 * @param uids owner uids, matched against the uids of the tracked objects
 * @param subjects {@link #subject} keys of objects an event is about, matched by kind and name
 *     because an event's subject may lack a uid or an apiVersion
 */
record OwnerChain(Set<String> uids, Set<String> subjects) {

  static OwnerChain of(
      WatchSource source, ResourceType type, @Nullable String namespace, JsonNode changed) {
    Set<String> uids = new LinkedHashSet<>();
    Set<String> subjects = new LinkedHashSet<>();
    if (type.equals(ResourceType.EVENTS)) {
      JsonNode subject = changed.path("involvedObject");
      if (subject.isMissingNode()) {
        subject = changed.path("regarding");
      }
      String kind = subject.path("kind").asText("");
      String name = subject.path("name").asText("");
      String ns = subject.path("namespace").asText(namespace == null ? "" : namespace);
      subjects.add(subject(kind, ns, name));
      addIfPresent(uids, subject.path("uid").asText(""));
      if ("Pod".equals(kind)) {
        JsonNode pod = source.get(ResourceType.PODS, namespace, name);
        if (pod != null) {
          podOwners(source, namespace, pod, uids);
        }
      }
    } else if (type.equals(ResourceType.PODS)) {
      podOwners(source, namespace, changed, uids);
    } else {
      owners(changed, uids);
    }
    return new OwnerChain(uids, subjects);
  }

  /** The key events name a subject by: kind, namespace ("" when cluster-scoped) and name. */
  static String subject(String kind, @Nullable String namespace, String name) {
    return kind + "|" + (namespace == null ? "" : namespace) + "|" + name;
  }

  /** The pod's owners and, for a ReplicaSet owner still in the cache, that ReplicaSet's owners. */
  private static void podOwners(
      WatchSource source, @Nullable String namespace, JsonNode pod, Set<String> uids) {
    for (JsonNode ref : pod.path("metadata").path("ownerReferences")) {
      String uid = ref.path("uid").asText("");
      addIfPresent(uids, uid);
      if (!"ReplicaSet".equals(ref.path("kind").asText(""))) {
        continue;
      }
      JsonNode rs = source.get(ResourceType.REPLICA_SETS, namespace, ref.path("name").asText(""));
      // Not cached yet: when it arrives its own change recomputes its owner with this pod.
      if (rs != null && uid.equals(rs.path("metadata").path("uid").asText(""))) {
        owners(rs, uids);
      }
    }
  }

  private static void owners(JsonNode obj, Set<String> uids) {
    for (JsonNode ref : obj.path("metadata").path("ownerReferences")) {
      addIfPresent(uids, ref.path("uid").asText(""));
    }
  }

  private static void addIfPresent(Set<String> uids, String uid) {
    if (!uid.isEmpty()) {
      uids.add(uid);
    }
  }
}
