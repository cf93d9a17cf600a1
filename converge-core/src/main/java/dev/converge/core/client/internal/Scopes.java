package dev.converge.core.client.internal;

import dev.converge.core.client.Kind;
import dev.converge.core.client.ResourceType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a {@link Kind} to the fabric8 operation serving it: model classes carry their plural and
 * scope, unstructured kinds get them from {@link DiscoveryCache}.
 */
public final class Scopes {

  private final KubernetesClient client;
  private final DiscoveryCache discovery;
  /** Model classes' types, read once: their annotations are looked up reflectively. */
  private final Map<Class<?>, ResourceType> modelTypes = new ConcurrentHashMap<>();

  public Scopes(KubernetesClient client, DiscoveryCache discovery) {
    this.client = client;
    this.discovery = discovery;
  }

  public KubernetesClient client() {
    return client;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public <T extends HasMetadata> Scope<T> of(Kind<T> kind, @Nullable String namespace) {
    if (!kind.unstructured()) {
      ResourceType type = modelTypes.computeIfAbsent(kind.type(),
          c -> ResourceType.of(kind.type()));
      return new Scope<>(type, namespace, client.resources(kind.type()));
    }
    ResourceType type = discovery.lookup(kind.apiVersion(), kind.kind());
    ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
        .withGroup(type.group()).withVersion(type.version()).withKind(type.kind())
        .withPlural(type.plural()).withNamespaced(type.namespaced()).build();
    // GenericKubernetesResourceList is a KubernetesResourceList<GenericKubernetesResource>.
    MixedOperation op = client.genericKubernetesResources(context);
    return new Scope<>(type, namespace,
        (MixedOperation<T, ? extends KubernetesResourceList<T>, Resource<T>>) op);
  }

  /** The scope of {@code object}: its kind, in its namespace. */
  public <T extends HasMetadata> Scope<T> of(T object) {
    if (object.getMetadata() == null || object.getMetadata().getName() == null) {
      throw new IllegalArgumentException("object without metadata.name: " + Kind.of(object));
    }
    return of(Kind.of(object), object.getMetadata().getNamespace());
  }

  /** A deep copy, so that callers' objects are never modified. */
  public <T extends HasMetadata> T copy(T object) {
    return client.getKubernetesSerialization().clone(object);
  }
}
