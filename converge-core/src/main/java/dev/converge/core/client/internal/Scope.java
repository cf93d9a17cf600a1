package dev.converge.core.client.internal;

import dev.converge.core.client.ResourceType;
import dev.converge.core.errors.CallInfo;
import dev.converge.core.errors.ObjectRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import org.jspecify.annotations.Nullable;

/**
 * One resource type in one namespace (or all, or none for cluster-scoped kinds): the fabric8
 * handles to call it and the {@link CallInfo} that names each call in logs and errors.
 */
public record Scope<T extends HasMetadata>(
    ResourceType type,
    @Nullable String namespace,
    MixedOperation<T, ? extends KubernetesResourceList<T>, Resource<T>> operation) {

  public Scope {
    // Cluster-scoped objects have no namespace, whatever the caller passed.
    namespace = type.namespaced() ? namespace : null;
  }

  /** The collection: one namespace, all namespaces, or the cluster-scoped kind. */
  public FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, Resource<T>> collection() {
    if (!type.namespaced()) {
      return operation;
    }
    return namespace == null ? operation.inAnyNamespace() : operation.inNamespace(namespace);
  }

  public Resource<T> named(String name) {
    return type.namespaced() ? operation.inNamespace(requireNamespace()).withName(name)
        : operation.withName(name);
  }

  public Resource<T> of(T object) {
    return type.namespaced() ? operation.inNamespace(requireNamespace()).resource(object)
        : operation.resource(object);
  }

  public ObjectRef ref(@Nullable String name) {
    return new ObjectRef(type.apiVersion(), type.kind(), namespace, name);
  }

  public CallInfo call(String verb, @Nullable String name) {
    return call(verb, name, null);
  }

  public CallInfo call(String verb, @Nullable String name, @Nullable String subresource) {
    return new CallInfo(verb, type.path(namespace, name, subresource), ref(name), 1);
  }

  private String requireNamespace() {
    if (namespace == null) {
      throw new IllegalArgumentException(type.kind() + " is namespaced; a namespace is required");
    }
    return namespace;
  }
}
