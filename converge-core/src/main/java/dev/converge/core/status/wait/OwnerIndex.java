package dev.converge.core.status.wait;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * OwnerIndex maps an owner uid to the names of the cached objects whose ownerReferences name it,
 * so finding a Deployment's ReplicaSets or a ReplicaSet's pods reads its children, not the whole
 * namespace. One index per watched (kind, namespace); updated by the watch thread on every add,
 * update and delete, read by waiting threads.
 */
final class OwnerIndex {
  private final Map<String, Set<String>> namesByOwner = new ConcurrentHashMap<>();

  /** Moves {@code name} from the owners of {@code before} to the owners of {@code after}. */
  void update(String name, @Nullable JsonNode before, @Nullable JsonNode after) {
    if (before != null) {
      for (String uid : ownerUids(before)) {
        namesByOwner.computeIfPresent(uid, (k, names) -> {
          names.remove(name);
          return names.isEmpty() ? null : names;
        });
      }
    }
    if (after != null) {
      for (String uid : ownerUids(after)) {
        namesByOwner.computeIfAbsent(uid, k -> ConcurrentHashMap.newKeySet()).add(name);
      }
    }
  }

  /**
   * The objects of {@code objects} owned by one of {@code ownerUids}; each is checked against its
   * current ownerReferences, so a reader racing an update never sees a stale child.
   */
  List<JsonNode> ownedBy(Set<String> ownerUids, Map<String, JsonNode> objects) {
    List<JsonNode> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String uid : ownerUids) {
      for (String name : namesByOwner.getOrDefault(uid, Set.of())) {
        JsonNode obj = objects.get(name);
        if (obj != null && seen.add(name) && WatchSource.isOwnedBy(obj, ownerUids)) {
          out.add(obj);
        }
      }
    }
    return out;
  }

  /** How many owners have children in the index; for tests. */
  int owners() {
    return namesByOwner.size();
  }

  private static List<String> ownerUids(JsonNode obj) {
    List<String> out = new ArrayList<>();
    for (JsonNode ref : obj.path("metadata").path("ownerReferences")) {
      String uid = ref.path("uid").asText("");
      if (!uid.isEmpty()) {
        out.add(uid);
      }
    }
    return out;
  }
}
