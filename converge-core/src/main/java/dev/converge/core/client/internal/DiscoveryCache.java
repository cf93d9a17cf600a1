package dev.converge.core.client.internal;

import dev.converge.core.client.Discovery;
import dev.converge.core.client.ResourceType;
import dev.converge.core.errors.CallInfo;
import dev.converge.core.errors.ConvergeException;
import dev.converge.core.errors.ErrorClassifier;
import dev.converge.core.errors.ObjectRef;
import dev.converge.core.retry.CallKind;
import dev.converge.core.retry.Retrier;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caches discovery per group-version. A miss asks the server again (once per attempt) before it
 * becomes a {@link dev.converge.core.errors.NoMatchException}, which the {@link Retrier} retries
 * under its policy: a CustomResourceDefinition that was just created is served moments later.
 */
public final class DiscoveryCache implements Discovery {

  private final KubernetesClient client;
  private final Retrier retrier;
  /** groupVersion → kind → type; only answers the server gave, never negative entries. */
  private final Map<String, Map<String, ResourceType>> byGroupVersion = new ConcurrentHashMap<>();
  private final AtomicLong fetches = new AtomicLong();

  private final EndpointHints hints;

  public DiscoveryCache(KubernetesClient client, Retrier retrier) {
    this.client = client;
    this.retrier = retrier;
    this.hints = EndpointHints.of(client.getConfiguration());
  }

  @Override
  public ResourceType lookup(String apiVersion, String kind) {
    ResourceType cached = cached(apiVersion, kind);
    if (cached != null) {
      return cached;
    }
    CallInfo call = new CallInfo(ErrorClassifier.DISCOVERY_VERB,
        ResourceType.groupVersionPath(apiVersion), new ObjectRef(apiVersion, kind, null, null), 1);
    try {
      return retrier.call(call, CallKind.READ, () -> refreshAndFind(apiVersion, kind, call));
    } catch (ConvergeException e) {
      throw hints.explain(e);
    }
  }

  @Override
  public void invalidate(String apiVersion) {
    byGroupVersion.remove(apiVersion);
  }

  /** How many discovery requests this cache sent (for tests and benchmarks). */
  public long fetches() {
    return fetches.get();
  }

  private ResourceType cached(String apiVersion, String kind) {
    Map<String, ResourceType> kinds = byGroupVersion.get(apiVersion);
    return kinds == null ? null : kinds.get(kind);
  }

  private ResourceType refreshAndFind(String apiVersion, String kind, CallInfo call) {
    fetches.incrementAndGet();
    APIResourceList list = client.getApiResources(apiVersion);
    Map<String, ResourceType> kinds = new HashMap<>();
    if (list != null && list.getResources() != null) {
      for (APIResource r : list.getResources()) {
        // Subresources (deployments/status) share the kind of their parent; keep the parent.
        if (r.getName() != null && !r.getName().contains("/")) {
          kinds.put(r.getKind(), new ResourceType(apiVersion, r.getKind(), r.getName(),
              Boolean.TRUE.equals(r.getNamespaced())));
        }
      }
      byGroupVersion.put(apiVersion, Map.copyOf(kinds));
    }
    ResourceType found = kinds.get(kind);
    if (found == null) {
      throw ErrorClassifier.classify(404, notServed(apiVersion, kind), null, call);
    }
    return found;
  }

  private static Status notServed(String apiVersion, String kind) {
    return new StatusBuilder().withStatus("Failure").withCode(404).withReason("NotFound")
        .withMessage("the server could not find the requested resource: " + kind + " in "
            + apiVersion + " is not served")
        .build();
  }
}
