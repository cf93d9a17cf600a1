package dev.converge.sandbox.store.durable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * StoreImage is the state being rebuilt from disk: objects by resource and key, and the revision
 * of the last change applied. Pure; changes must arrive in increasing revision order.
 */
final class StoreImage {
  /** Revision of an empty store: a fresh sandbox's first write commits at 2. */
  static final long EMPTY_REVISION = 1;

  private final Map<String, Map<String, LogEntry>> objects = new TreeMap<>();
  private long revision;

  StoreImage(long revision) {
    this.revision = revision;
  }

  long revision() {
    return revision;
  }

  /** Objects by resource, each by {@code namespace/name}; entries carry the key parts. */
  Map<String, Map<String, LogEntry>> objects() {
    return objects;
  }

  int size() {
    return objects.values().stream().mapToInt(Map::size).sum();
  }

  /** Puts an object as a snapshot holds it, without moving the revision. */
  void put(LogEntry entry) {
    objects.computeIfAbsent(entry.groupResource(), k -> new TreeMap<>())
        .put(key(entry), entry);
  }

  /**
   * Redoes a logged change. Changes at or before the current revision are already in the image
   * (a log segment older than the snapshot) and are skipped.
   *
   * @return whether the change was applied
   */
  boolean apply(LogEntry entry) {
    if (entry.revision() <= revision) {
      return false;
    }
    if (entry.isDelete()) {
      Map<String, LogEntry> byKey = objects.get(entry.groupResource());
      if (byKey != null) {
        byKey.remove(key(entry));
        if (byKey.isEmpty()) {
          objects.remove(entry.groupResource());
        }
      }
    } else {
      put(entry);
    }
    revision = entry.revision();
    return true;
  }

  /** The object stored under a resource and key, null when absent. */
  ObjectNode get(String groupResource, String namespace, String name) {
    Map<String, LogEntry> byKey = objects.get(groupResource);
    LogEntry e = byKey == null ? null : byKey.get(key(namespace, name));
    return e == null ? null : e.object();
  }

  private static String key(LogEntry e) {
    return key(e.namespace(), e.name());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StoreImage other) || revision != other.revision) {
      return false;
    }
    return contents().equals(other.contents());
  }

  private Map<String, Map<String, ObjectNode>> contents() {
    Map<String, Map<String, ObjectNode>> out = new TreeMap<>();
    objects.forEach((gr, byKey) -> {
      Map<String, ObjectNode> m = new TreeMap<>();
      byKey.forEach((k, e) -> m.put(k, e.object()));
      out.put(gr, m);
    });
    return out;
  }

  @Override
  public int hashCode() {
    return Objects.hash(revision, contents());
  }

  @Override
  public String toString() {
    return "StoreImage{revision=" + revision + ", objects=" + size() + "}";
  }
}
