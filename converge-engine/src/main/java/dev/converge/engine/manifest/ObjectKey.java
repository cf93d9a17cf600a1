package dev.converge.engine.manifest;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The identity of an object within a set: API group (empty for the core group), kind, namespace
 * (null for cluster-scoped objects) and name. Versions are left out because two versions of one
 * kind name the same stored object.
 */
public record ObjectKey(String group, String kind, @Nullable String namespace, String name) {

  public ObjectKey {
    Objects.requireNonNull(group, "group == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(name, "name == null");
  }

  /** The group of an {@code apiVersion}: {@code apps} for {@code apps/v1}, empty for {@code v1}. */
  public static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /**
   * Renders in the {@code config.kubernetes.io/depends-on} form of cli-utils:
   * {@code apps/namespaces/prod/Deployment/web}, or {@code rbac.authorization.k8s.io/ClusterRole/view}
   * for cluster-scoped objects.
   */
  @Override
  public String toString() {
    return namespace == null
        ? group + "/" + kind + "/" + name
        : group + "/namespaces/" + namespace + "/" + kind + "/" + name;
  }
}
