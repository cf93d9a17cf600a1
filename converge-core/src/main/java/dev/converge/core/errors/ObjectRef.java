package dev.converge.core.errors;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Identifies the Kubernetes object a call was about: apiVersion, kind, and (when known) namespace
 * and name. Cluster-scoped objects have no namespace; collection calls (list, watch) have no name.
 */
public record ObjectRef(String apiVersion, String kind, @Nullable String namespace, @Nullable String name) {

  public ObjectRef {
    Objects.requireNonNull(apiVersion, "apiVersion == null");
    Objects.requireNonNull(kind, "kind == null");
  }

  /** A namespaced object. */
  public static ObjectRef of(String apiVersion, String kind, String namespace, String name) {
    return new ObjectRef(apiVersion, kind, namespace, name);
  }

  /** A cluster-scoped object such as a Namespace or a CustomResourceDefinition. */
  public static ObjectRef cluster(String apiVersion, String kind, String name) {
    return new ObjectRef(apiVersion, kind, null, name);
  }

  /** Renders as {@code apps/v1 Deployment default/web}, the form used in every error message. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(apiVersion).append(' ').append(kind);
    if (namespace != null || name != null) {
      sb.append(' ');
      if (namespace != null) {
        sb.append(namespace).append('/');
      }
      sb.append(name == null ? "*" : name);
    }
    return sb.toString();
  }
}
