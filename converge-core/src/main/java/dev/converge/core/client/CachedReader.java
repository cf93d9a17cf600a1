package dev.converge.core.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * CachedReader reads objects from shared informers: one per kind and namespace, started by the first
 * read and kept up to date by a watch. Reads cost no request, but they lag behind the API server by
 * the watch's delivery time, so a write that just returned may not be visible yet.
 *
 * <p>Use it for frequent reads that tolerate lag (dashboards, periodic checks). A decision taken
 * right after a write of the same object must read {@link ObjectReader live} instead (DESIGN.md §4).
 */
public interface CachedReader {

  /** The cached object, or empty when the cache has none; starts and syncs the informer first. */
  <T extends HasMetadata> Optional<T> get(Kind<T> kind, @Nullable String namespace, String name);

  /** The cached objects matching the options; starts and syncs the informer first. */
  <T extends HasMetadata> List<T> list(Kind<T> kind, @Nullable String namespace, ListOption... options);

  /**
   * Starts the informer for {@code kind} in {@code namespace} (all namespaces when null) unless it
   * runs, and waits until it has listed once.
   *
   * @throws dev.converge.core.errors.ConvergeException when it has not synced within {@code timeout}
   */
  void awaitSynced(Kind<?> kind, @Nullable String namespace, Duration timeout);
}
