package dev.converge.core.client.internal;

import dev.converge.core.client.CachedReader;
import dev.converge.core.client.Kind;
import dev.converge.core.client.ListOption;
import dev.converge.core.client.ResourceType;
import dev.converge.core.errors.ErrorClassifier;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared informers, one per resource type, namespace and label selector, started by the first read
 * that needs one and stopped on {@link #close()}. Once synced, an informer keeps itself current:
 * fabric8 re-watches and re-lists on its own, so only the wait for the first sync is bounded here.
 */
public final class InformerCache implements CachedReader, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InformerCache.class);

  /** Which informer: type, namespace ("" for all or cluster-scoped) and selector ("" for none). */
  private record Key(ResourceType type, String namespace, String selector) {}

  private record Entry(SharedIndexInformer<?> informer, CompletableFuture<Void> synced) {}

  private final Scopes scopes;
  private final Duration syncTimeout;
  private final Map<Key, Entry> informers = new ConcurrentHashMap<>();

  public InformerCache(Scopes scopes, Duration syncTimeout) {
    this.scopes = scopes;
    this.syncTimeout = syncTimeout;
  }

  @Override
  public <T extends HasMetadata> Optional<T> get(Kind<T> kind, @Nullable String namespace, String name) {
    Scope<T> scope = scopes.of(kind, namespace);
    SharedIndexInformer<T> informer = synced(scope, "", syncTimeout);
    String key = scope.namespace() == null ? name : scope.namespace() + "/" + name;
    return Optional.ofNullable(informer.getStore().getByKey(key));
  }

  @Override
  public <T extends HasMetadata> List<T> list(Kind<T> kind, @Nullable String namespace, ListOption... options) {
    Scope<T> scope = scopes.of(kind, namespace);
    return List.copyOf(synced(scope, selector(options), syncTimeout).getStore().list());
  }

  @Override
  public void awaitSynced(Kind<?> kind, @Nullable String namespace, Duration timeout) {
    synced(scopes.of(kind, namespace), "", timeout);
  }

  @Override
  public void close() {
    informers.values().forEach(e -> e.informer().stop());
    informers.clear();
  }

  @SuppressWarnings("unchecked")
  private <T extends HasMetadata> SharedIndexInformer<T> synced(Scope<T> scope, String selector,
      Duration timeout) {
    Key key = new Key(scope.type(), scope.namespace() == null ? "" : scope.namespace(), selector);
    Entry entry = informers.computeIfAbsent(key, k -> start(scope, selector));
    if (!entry.synced().isDone() || entry.synced().isCompletedExceptionally()) {
      try {
        awaitSync(entry, timeout);
      } catch (Exception e) {
        if (entry.synced().isCompletedExceptionally()) {
          // A failed first list stops the informer: forget it so that the next read starts anew.
          informers.remove(key, entry);
          entry.informer().stop();
        }
        throw ErrorClassifier.classify(e, scope.call("inform", null));
      }
    }
    return (SharedIndexInformer<T>) entry.informer();
  }

  private <T extends HasMetadata> Entry start(Scope<T> scope, String selector) {
    SharedIndexInformer<T> informer = selector.isEmpty()
        ? scope.collection().runnableInformer(0)
        : scope.collection().withLabelSelector(selector).runnableInformer(0);
    LOG.debug("Starting informer for {} in {}", scope.type().kind(),
        scope.namespace() == null ? "all namespaces" : scope.namespace());
    return new Entry(informer, informer.start().toCompletableFuture());
  }

  private static void awaitSync(Entry entry, Duration timeout) throws Exception {
    try {
      entry.synced().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      throw new TimeoutException("informer not synced within " + timeout.toMillis() + " ms");
    }
  }

  private static String selector(ListOption... options) {
    String selector = "";
    for (ListOption o : options) {
      if (o instanceof ListOption.LabelSelector s) {
        selector = s.selector();
      }
    }
    return selector;
  }
}
