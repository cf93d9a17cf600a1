package dev.converge.engine.manifest;

import dev.converge.core.client.ResourceType;
import dev.converge.core.errors.CallInfo;
import dev.converge.core.errors.ErrorClassifier;
import dev.converge.core.retry.CallKind;
import dev.converge.core.retry.Retrier;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ServedKinds answers {@link KindResolver} questions from one discovery read per group-version: a
 * kind missing from the server's answer is absent at once. The core client's discovery retries a
 * NoMatch (a CRD may be about to be Established), which made a typo in a kind cost seconds of retry
 * warnings before the exit-2 message (issue 10); a kind that a CRD in the set provides never gets
 * here (see {@link CrdIndex}). Transient failures of the read itself (429, 5xx, network) are retried.
 *
 * <pre>{@code
 * new ManifestValidator(new ServedKinds(fabric8Client, ops.options().retrier()), "default")
 * }</pre>
 */
public final class ServedKinds implements KindResolver {

  private final KubernetesClient client;
  private final Retrier retrier;
  /** groupVersion → kind → scope; an unserved group-version maps to no kinds. */
  private final Map<String, Map<String, Scope>> byGroupVersion = new ConcurrentHashMap<>();

  public ServedKinds(KubernetesClient client, Retrier retrier) {
    this.client = client;
    this.retrier = retrier;
  }

  @Override
  public Optional<Scope> scopeOf(String apiVersion, String kind) {
    return Optional.ofNullable(byGroupVersion.computeIfAbsent(apiVersion, this::read).get(kind));
  }

  private Map<String, Scope> read(String apiVersion) {
    CallInfo call = CallInfo.ofPath(ErrorClassifier.DISCOVERY_VERB, ResourceType.groupVersionPath(apiVersion));
    // fabric8 answers null for a group-version the server does not serve (404), so no NoMatch arises.
    APIResourceList list = retrier.call(call, CallKind.READ, () -> client.getApiResources(apiVersion));
    Map<String, Scope> kinds = new HashMap<>();
    if (list != null && list.getResources() != null) {
      for (APIResource r : list.getResources()) {
        // Subresources (deployments/status) share the kind of their parent; keep the parent.
        if (r.getName() != null && !r.getName().contains("/") && r.getKind() != null) {
          kinds.put(r.getKind(), Boolean.TRUE.equals(r.getNamespaced()) ? Scope.NAMESPACED : Scope.CLUSTER);
        }
      }
    }
    return Map.copyOf(kinds);
  }
}
