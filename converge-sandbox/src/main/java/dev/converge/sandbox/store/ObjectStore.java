package dev.converge.sandbox.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

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
  /** Makes each commit durable before it is visible; null keeps the store in memory only. */
  private final Persistence persistence;

  /** Listener called after each commit, under the write lock (durability, controllers). */
  public interface CommitListener {
    void committed(WatchEvent event);
  }

  public ObjectStore() {
    this(DEFAULT_HISTORY, 1);
  }

  public ObjectStore(int historyLimit, long startRevision) {
    this(historyLimit, startRevision, null);
  }

  /**
   * A store whose commits are first handed to {@code persistence}, continuing after
   * {@code startRevision} (the last revision a previous run persisted).
   */
  public ObjectStore(int historyLimit, long startRevision, Persistence persistence) {
    this.historyLimit = historyLimit;
    this.revision = startRevision;
    this.compacted = startRevision;
    this.persistence = persistence;
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
        case PUT: {
          WatchEvent event = new WatchEvent(next, current == null ? "ADDED" : "MODIFIED",
              groupResource, namespace, outcome.object(), current);
          persist(event);
          objects.put(key, outcome.object());
          revision = next;
          commit(event);
          return outcome.object();
        }
        case DELETE: {
          if (current == null) {
            return null;
          }
          WatchEvent event = new WatchEvent(next, "DELETED", groupResource, namespace,
              outcome.object(), current);
          persist(event);
          objects.remove(key);
          revision = next;
          commit(event);
          return outcome.object();
        }
        default:
          throw new IllegalStateException("unknown outcome " + outcome.kind());
      }
    } finally {
      lock.unlock();
    }
  }

  /** Durable before visible: a failed write changes nothing and reaches no watcher. */
  private void persist(WatchEvent event) {
    if (persistence != null) {
      persistence.persist(event);
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

  /**
   * Persistence makes a commit durable (written and synced) before the store applies it and
   * before any watcher or client sees it. Called under the write lock, in revision order.
   */
  public interface Persistence {
    /** Returns once {@code event} survives a crash, or throws and the write is refused. */
    void persist(WatchEvent event);
  }

  /**
   * Puts an object recovered from disk, without an event or a new revision; only before the
   * store serves anything.
   */
  public void preload(String groupResource, String namespace, String name, ObjectNode object) {
    lock.lock();
    try {
      data.computeIfAbsent(groupResource, k -> new ConcurrentSkipListMap<>())
          .put(key(namespace, name), object);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Every stored object by resource and the revision they were read at; {@code atomically}
   * runs under the write lock right after the capture with that revision, so no commit slips
   * between them (a log rotation). Objects are immutable, so the capture only copies references.
   */
  public Dump dump(LongConsumer atomically) {
    lock.lock();
    try {
      Map<String, List<ObjectNode>> out = new TreeMap<>();
      for (Map.Entry<String, NavigableMap<String, ObjectNode>> e : data.entrySet()) {
        if (!e.getValue().isEmpty()) {
          out.put(e.getKey(), List.copyOf(e.getValue().values()));
        }
      }
      atomically.accept(revision);
      return new Dump(revision, out);
    } finally {
      lock.unlock();
    }
  }

  /** Objects of every resource at one revision. */
  public record Dump(long revision, Map<String, List<ObjectNode>> objects) {}
}
