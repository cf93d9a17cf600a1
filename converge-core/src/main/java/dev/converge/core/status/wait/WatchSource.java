package dev.converge.core.status.wait;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * WatchSource knows how to keep a watched cache of one kind in one namespace (or cluster-wide for
 * cluster-scoped kinds) and to tell listeners what changed. One watch per (type, namespace) is
 * shared by every listener, so waiting for a thousand objects needs a handful of watches. A source
 * re-lists and re-watches by itself when a watch drops; listeners hear about what changed
 * meanwhile.
 *
 * <p>{@link InformerWatchSource} implements it over fabric8 informers; a client facade can
 * implement it over its own cache.
 */
public interface WatchSource extends AutoCloseable {

  /**
   * Starts (or joins) the watch of {@code type} in {@code namespace} and returns once its cache
   * holds what exists. Throws when the kind cannot be watched (not served, forbidden).
   *
   * @param namespace null for cluster-scoped kinds
   * @return closing it stops notifying {@code listener}; the shared watch keeps running
   */
  AutoCloseable watch(ResourceType type, @Nullable String namespace, ChangeListener listener);

  /**
   * As {@link #watch(ResourceType, String, ChangeListener)}, retrying a first list that fails
   * with a retryable error for up to {@code patience} (a wait passes the time it has left).
   *
   * @throws WatchNotSyncedException when the cache did not sync within {@code patience}
   */
  default AutoCloseable watch(ResourceType type, @Nullable String namespace, ChangeListener listener,
      Duration patience) {
    return watch(type, namespace, listener);
  }

  /** The cached objects of a watched (type, namespace); empty when not watched. */
  Collection<JsonNode> list(ResourceType type, @Nullable String namespace);

  /**
   * The cached objects of a watched (type, namespace) whose ownerReferences name one of {@code
   * ownerUids}. This default scans {@link #list}; a source that indexes by owner answers in
   * O(children), which keeps recomputing a Deployment cheap in a namespace of thousands of pods.
   */
  default List<JsonNode> listOwnedBy(
      ResourceType type, @Nullable String namespace, Set<String> ownerUids) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode o : list(type, namespace)) {
      if (isOwnedBy(o, ownerUids)) {
        out.add(o);
      }
    }
    return out;
  }

  /** Whether one of the object's ownerReferences names one of {@code ownerUids}. */
  static boolean isOwnedBy(JsonNode obj, Set<String> ownerUids) {
    for (JsonNode ref : obj.path("metadata").path("ownerReferences")) {
      if (ownerUids.contains(ref.path("uid").asText(""))) {
        return true;
      }
    }
    return false;
  }

  /** The cached object, or null when absent or not watched. */
  @Nullable JsonNode get(ResourceType type, @Nullable String namespace, String name);

  /** Stops every watch. */
  @Override
  void close();
}
