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
   * How long the first list may take before a watch is reported as failed; generous because a
   * throttled or recovering API server retries the list with back-off.
   */
  public static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final Map<FeedKey, Feed> feeds = new ConcurrentHashMap<>();

  public InformerWatchSource(KubernetesClient client) {
    this.client = client;
  }

  private record FeedKey(ResourceType type, @Nullable String namespace) {}

  @Override
  public AutoCloseable watch(ResourceType type, @Nullable String namespace, ChangeListener listener) {
    Feed feed = feed(new FeedKey(type, namespace));
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

  private synchronized Feed feed(FeedKey key) {
    Feed existing = feeds.get(key);
    if (existing != null) {
      return existing;
    }
    Feed feed = new Feed(key);
    try {
      feed.informer.start().toCompletableFuture().get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      feed.informer.stop();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing " + key.type(), e);
    } catch (ExecutionException | TimeoutException e) {
      feed.informer.stop();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(
          "could not list and watch " + key.type() + where(key) + ": " + cause.getMessage(), cause);
    }
    feeds.put(key, feed);
    return feed;
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

    Feed(FeedKey key) {
      this.key = key;
      MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
              Resource<GenericKubernetesResource>>
          op = client.genericKubernetesResources(key.type().apiVersion(), key.type().kind());
      this.informer =
          (key.namespace() == null ? op : op.inNamespace(key.namespace())).runnableInformer(0);
      informer.addEventHandler(this);
      informer.exceptionHandler(InformerWatchSource::worthRetrying);
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
