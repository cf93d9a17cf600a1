package dev.converge.core.status.wait;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.errors.CallInfo;
import dev.converge.core.errors.ErrorClassifier;
import dev.converge.core.errors.Recovery;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * InformerWatchSource watches through fabric8 shared informers, one per (kind, namespace), created
 * on first use and kept until {@link #close()}. Informers list, then watch; when a watch drops they
 * re-watch from the last resourceVersion, or re-list on 410 Gone, and deliver what changed
 * meanwhile, so no transition is lost. Objects are kept in unstructured form, converted once per
 * change, so recomputing a 1,000-pod Deployment converts nothing.
 */
public final class InformerWatchSource implements WatchSource {
  /**
   * How long the first list may take, for callers that give no time of their own ({@link
   * #watch(ResourceType, String, ChangeListener)}); a wait gives its own deadline instead.
   */
  public static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The {@code watchReconnectInterval} to give the client of a wait (fabric8's
   * {@code Config#setWatchReconnectInterval}). An informer waits that long before re-listing after a
   * failed list or watch, doubling it per failure in a row up to 32 times it, and starts again from
   * it only once a list and a watch have both succeeded. fabric8's default of 1 s thus grows to
   * 16 and 32 s pauses under a 30 % fault rate (429, refused connections), during which a kind's
   * cache sees nothing; in the fault matrix such pauses left objects "not current" at a 45 s wait
   * (issue 10). 200 ms caps the pause at 6.4 s. The CLI sets it; embedders should too.
   */
  public static final int RECONNECT_INTERVAL_MILLIS = 200;

  private final KubernetesClient client;
  private final Map<FeedKey, Feed> feeds = new ConcurrentHashMap<>();
  /** One lock per (kind, namespace): a kind whose list keeps failing must not hold up the others. */
  private final Map<FeedKey, Object> starting = new ConcurrentHashMap<>();

  public InformerWatchSource(KubernetesClient client) {
    this.client = client;
  }

  private record FeedKey(ResourceType type, @Nullable String namespace) {}

  @Override
  public AutoCloseable watch(ResourceType type, @Nullable String namespace, ChangeListener listener) {
    return watch(type, namespace, listener, SYNC_TIMEOUT);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A first list failing with a retryable error (429, 5xx, network) is retried with fabric8's
   * back-off for all of {@code patience}; a forbidden or unserved kind fails at once.
   */
  @Override
  public AutoCloseable watch(ResourceType type, @Nullable String namespace, ChangeListener listener,
      Duration patience) {
    Feed feed = feed(new FeedKey(type, namespace), patience);
    feed.listeners.add(listener);
    return () -> feed.listeners.remove(listener);
  }

  @Override
  public Collection<JsonNode> list(ResourceType type, @Nullable String namespace) {
    Feed feed = feeds.get(new FeedKey(type, namespace));
    return feed == null ? List.of() : feed.objects.values();
  }

  @Override
  public List<JsonNode> listOwnedBy(
      ResourceType type, @Nullable String namespace, Set<String> ownerUids) {
    Feed feed = feeds.get(new FeedKey(type, namespace));
    return feed == null ? List.of() : feed.owned.ownedBy(ownerUids, feed.objects);
  }

  @Override
  public @Nullable JsonNode get(ResourceType type, @Nullable String namespace, String name) {
    Feed feed = feeds.get(new FeedKey(type, namespace));
    return feed == null ? null : feed.objects.get(name);
  }

  @Override
  public void close() {
    feeds.values().forEach(f -> f.informer.stop());
    feeds.clear();
  }

  private Feed feed(FeedKey key, Duration patience) {
    synchronized (starting.computeIfAbsent(key, k -> new Object())) {
      Feed existing = feeds.get(key);
      if (existing != null) {
        return existing;
      }
      Feed feed = new Feed(key);
      try {
        feed.informer.start().toCompletableFuture().get(Math.max(1, patience.toMillis()), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        feed.informer.stop();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while listing " + key.type(), e);
      } catch (ExecutionException e) {
        // fabric8 gave up: the exception handler found the failure not worth retrying
        feed.informer.stop();
        throw new IllegalStateException(
            "could not list and watch " + key.type() + where(key) + ": " + e.getCause().getMessage(), e.getCause());
      } catch (TimeoutException e) {
        feed.informer.stop();
        throw new WatchNotSyncedException(key.type(), key.namespace(), patience, feed.lastFailure);
      }
      feeds.put(key, feed);
      return feed;
    }
  }

  /**
   * Once started, an informer always re-lists (fabric8 backs off); before, only failures that a
   * retry can fix (429, 5xx, network) are retried, so a forbidden or unserved kind fails at once.
   */
  private static boolean worthRetrying(boolean started, Throwable t) {
    return started
        || ErrorClassifier.classify(t, CallInfo.of("list", null)).recovery() != Recovery.NONE;
  }

  private static String where(FeedKey key) {
    return key.namespace() == null ? "" : " in namespace " + key.namespace();
  }

  /** One informer and the unstructured copies of what it holds. */
  private final class Feed implements ResourceEventHandler<GenericKubernetesResource> {
    final FeedKey key;
    final Map<String, JsonNode> objects = new ConcurrentHashMap<>();
    final OwnerIndex owned = new OwnerIndex();
    final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    final SharedIndexInformer<GenericKubernetesResource> informer;
    /** Why the last list or watch failed, for the report when the first list never succeeds. */
    volatile @Nullable Throwable lastFailure;

    Feed(FeedKey key) {
      this.key = key;
      MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
              Resource<GenericKubernetesResource>>
          op = client.genericKubernetesResources(key.type().apiVersion(), key.type().kind());
      this.informer =
          (key.namespace() == null ? op : op.inNamespace(key.namespace())).runnableInformer(0);
      informer.addEventHandler(this);
      informer.exceptionHandler((started, t) -> {
        lastFailure = t;
        return worthRetrying(started, t);
      });
    }

    @Override
    public void onAdd(GenericKubernetesResource obj) {
      put(obj);
    }

    @Override
    public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
      put(newObj);
    }

    @Override
    public void onDelete(GenericKubernetesResource obj, boolean finalStateUnknown) {
      String name = obj.getMetadata().getName();
      owned.update(name, objects.remove(name), null);
      notifyChanged(name);
    }

    private void put(GenericKubernetesResource obj) {
      String name = obj.getMetadata().getName();
      JsonNode now = client.getKubernetesSerialization().convertValue(obj, JsonNode.class);
      owned.update(name, objects.put(name, now), now);
      notifyChanged(name);
    }

    private void notifyChanged(String name) {
      for (ChangeListener l : listeners) {
        l.changed(key.type(), key.namespace(), name);
      }
    }
  }
}
