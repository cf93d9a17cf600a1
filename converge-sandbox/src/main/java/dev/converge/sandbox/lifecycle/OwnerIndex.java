package dev.converge.sandbox.lifecycle;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OwnerIndex is the garbage collector's graph: where each live object (by uid) is stored, and
 * which objects name each uid as an owner. It is maintained from commits in revision order, so
 * it never misses an owner that a dependent could name (an owner's uid exists only after the
 * owner's own commit).
 */
final class OwnerIndex {
  private final Map<String, ObjectKey> live = new HashMap<>();
  private final Map<String, Set<ObjectKey>> dependents = new HashMap<>();
  private final Map<ObjectKey, List<String>> owners = new HashMap<>();

  /**
   * Records an object's current owners.
   *
   * @return uids of owners that gained or lost this dependent
   */
  Set<String> put(ObjectKey key, String uid, List<String> ownerUids) {
    live.put(uid, key);
    List<String> before = owners.getOrDefault(key, List.of());
    Set<String> changed = new LinkedHashSet<>();
    for (String old : before) {
      if (!ownerUids.contains(old)) {
        unlink(old, key);
        changed.add(old);
      }
    }
    for (String owner : ownerUids) {
      if (!before.contains(owner)) {
        dependents.computeIfAbsent(owner, o -> new HashSet<>()).add(key);
        changed.add(owner);
      }
    }
    if (ownerUids.isEmpty()) {
      owners.remove(key);
    } else {
      owners.put(key, List.copyOf(ownerUids));
    }
    return changed;
  }

  /**
   * Forgets a deleted object.
   *
   * @return uids of the owners that lost it as a dependent
   */
  Set<String> remove(ObjectKey key, String uid) {
    if (key.equals(live.get(uid))) {
      live.remove(uid);
    }
    Set<String> changed = new LinkedHashSet<>(owners.getOrDefault(key, List.of()));
    for (String owner : changed) {
      unlink(owner, key);
    }
    owners.remove(key);
    return changed;
  }

  private void unlink(String owner, ObjectKey key) {
    Set<ObjectKey> set = dependents.get(owner);
    if (set != null) {
      set.remove(key);
      if (set.isEmpty()) {
        dependents.remove(owner);
      }
    }
  }

  /** Where the live object with this uid is stored, or null when there is none. */
  ObjectKey locate(String uid) {
    return live.get(uid);
  }

  /** A copy of the objects naming {@code ownerUid} as an owner. */
  Set<ObjectKey> dependentsOf(String ownerUid) {
    return Set.copyOf(dependents.getOrDefault(ownerUid, Set.of()));
  }
}
