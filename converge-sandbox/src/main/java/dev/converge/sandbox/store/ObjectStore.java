package dev.converge.sandbox.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * ObjectStore is the sandbox's etcd: objects by resource, namespace and name, one revision
 * counter for all of them, and a bounded history of events for watches to resume from.
 *
 * <p>Writes are serialised by one lock, as etcd serialises its revisions; each write is a
 * {@link Mutation} evaluated on the current state, so compare-and-swap semantics (resourceVersion
 * preconditions, apply merges) need no retry loop here. Reads are lock-free snapshots of immutable
 * objects.
 */
public final class ObjectStore {
  /** Events kept for watch resumption; older resourceVersions answer 410 Gone. */
  public static final int DEFAULT_HISTORY = 20_000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, NavigableMap<String, ObjectNode>> data = new ConcurrentHashMap<>();
  private final ArrayDeque<WatchEvent> history = new ArrayDeque<>();
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
  private final int historyLimit;
  private volatile long revision;
  /** Revision of the oldest event evicted from the history; resuming at or before it is Gone. */
  private long compacted;

  /** Listener called after each commit, under the write lock (durability, controllers). */
  public interface CommitListener {
    void committed(WatchEvent event);
  }

  public ObjectStore() {
    this(DEFAULT_HISTORY, 1);
  }

  public ObjectStore(int historyLimit, long startRevision) {
    this.historyLimit = historyLimit;
    this.revision = startRevision;
    this.compacted = startRevision;
  }

  public long revision() {
    return revision;
  }

  /**
   * The latest revision whose event has been handed to every watcher (read under the write
   * lock, so no commit is half-delivered): the safe resourceVersion for a bookmark.
   */
  public long committedRevision() {
    lock.lock();
    try {
      return revision;
    } finally {
      lock.unlock();
    }
  }

  static String key(String namespace, String name) {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }

  public ObjectNode get(String groupResource, String namespace, String name) {
    NavigableMap<String, ObjectNode> objects = data.get(groupResource);
    return objects == null ? null : objects.get(key(namespace, name));
  }

  /** A consistent snapshot of a resource, optionally within one namespace, in key order. */
  public Snapshot list(String groupResource, String namespace) {
    lock.lock();
    try {
      NavigableMap<String, ObjectNode> objects = data.get(groupResource);
      List<ObjectNode> out = new ArrayList<>();
      if (objects != null) {
        Iterable<ObjectNode> values = namespace == null || namespace.isEmpty()
            ? objects.values()
            : objects.subMap(namespace + "/", true, namespace + "/\uffff", false).values();
        for (ObjectNode o : values) {
          out.add(o);
        }
      }
      return new Snapshot(out, revision);
    } finally {
      lock.unlock();
    }
  }

  /** Objects of a resource and the revision they were read at. */
  public record Snapshot(List<ObjectNode> items, long revision) {}

  /**
   * Applies a mutation to one object atomically and returns what is stored afterwards (the
   * deleted object's last state for a delete).
   */
  public ObjectNode mutate(String groupResource, String namespace, String name, Mutation mutation) {
    lock.lock();
    try {
      NavigableMap<String, ObjectNode> objects =
          data.computeIfAbsent(groupResource, k -> new ConcurrentSkipListMap<>());
      String key = key(namespace, name);
      ObjectNode current = objects.get(key);
      long next = revision + 1;
      Mutation.Outcome outcome = mutation.apply(current, next);
      switch (outcome.kind()) {
        case NONE:
          return outcome.object();
        case PUT:
          objects.put(key, outcome.object());
          revision = next;
          commit(new WatchEvent(next, current == null ? "ADDED" : "MODIFIED", groupResource,
              namespace, outcome.object(), current));
          return outcome.object();
        case DELETE:
          if (current == null) {
            return null;
          }
          objects.remove(key);
          revision = next;
          commit(new WatchEvent(next, "DELETED", groupResource, namespace, outcome.object(),
              current));
          return outcome.object();
        default:
          throw new IllegalStateException("unknown outcome " + outcome.kind());
      }
    } finally {
      lock.unlock();
    }
  }

  private void commit(WatchEvent event) {
    history.addLast(event);
    while (history.size() > historyLimit) {
      compacted = history.removeFirst().revision();
    }
    for (CommitListener l : listeners) {
      l.committed(event);
    }
    for (Watcher w : watchers) {
      if (w.accepts(event)) {
        w.deliver(event);
      }
    }
  }

  /**
   * Registers a watcher that first receives every retained event after {@code fromRevision}
   * (0 means "from now"), then live events, with no gap and no duplicate.
   *
   * @throws ApiException 410 Gone when {@code fromRevision} is older than the retained history
   */
  public void watch(Watcher watcher, long fromRevision) {
    lock.lock();
    try {
      if (fromRevision > 0) {
        if (fromRevision < compacted) {
          throw ApiException.gone("too old resource version: " + fromRevision + " ("
              + (compacted + 1) + ")");
        }
        for (WatchEvent e : history) {
          if (e.revision() > fromRevision && watcher.accepts(e)) {
            watcher.deliver(e);
          }
        }
      }
      watchers.add(watcher);
    } finally {
      lock.unlock();
    }
  }

  public void unwatch(Watcher watcher) {
    watchers.remove(watcher);
  }

  public void addCommitListener(CommitListener listener) {
    listeners.add(listener);
  }

  /** Number of stored objects across every resource. */
  public int size() {
    int n = 0;
    for (NavigableMap<String, ObjectNode> m : data.values()) {
      n += m.size();
    }
    return n;
  }

  /** The names of resources that currently hold at least one object. */
  public List<String> groupResources() {
    List<String> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, NavigableMap<String, ObjectNode>>> it =
        data.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, NavigableMap<String, ObjectNode>> e = it.next();
      if (!e.getValue().isEmpty()) {
        out.add(e.getKey());
      }
    }
    return out;
  }
}
