package dev.converge.core.status.wait;

import dev.converge.core.errors.ObjectRef;
import java.util.Set;

/**
 * ResourceType names a kind the waiter watches, by apiVersion and kind, e.g. {@code apps/v1
 * Deployment}.
 */
public record ResourceType(String apiVersion, String kind) {
  public static final ResourceType PODS = new ResourceType("v1", "Pod");
  public static final ResourceType REPLICA_SETS = new ResourceType("apps/v1", "ReplicaSet");
  public static final ResourceType EVENTS = new ResourceType("v1", "Event");
  public static final ResourceType STORAGE_CLASSES =
      new ResourceType("storage.k8s.io/v1", "StorageClass");
  public static final ResourceType CRDS =
      new ResourceType("apiextensions.k8s.io/v1", "CustomResourceDefinition");

  /** API groups served by Kubernetes itself; any other dotted group is a custom resource's. */
  private static final Set<String> BUILT_IN_DOTTED_GROUPS =
      Set.of(
          "admissionregistration.k8s.io",
          "apiextensions.k8s.io",
          "apiregistration.k8s.io",
          "authentication.k8s.io",
          "authorization.k8s.io",
          "certificates.k8s.io",
          "coordination.k8s.io",
          "discovery.k8s.io",
          "events.k8s.io",
          "flowcontrol.apiserver.k8s.io",
          "internal.apiserver.k8s.io",
          "networking.k8s.io",
          "node.k8s.io",
          "rbac.authorization.k8s.io",
          "resource.k8s.io",
          "scheduling.k8s.io",
          "storage.k8s.io",
          "storagemigration.k8s.io");

  public static ResourceType of(ObjectRef ref) {
    return new ResourceType(ref.apiVersion(), ref.kind());
  }

  /** The API group, {@code ""} for the core group. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** {@code group/Kind}, the key readers are chosen by; the core group is empty. */
  public String groupKind() {
    return group() + "/" + kind;
  }

  /** Whether the kind is served through a CustomResourceDefinition rather than built in. */
  public boolean isCustom() {
    String g = group();
    return g.contains(".") && !BUILT_IN_DOTTED_GROUPS.contains(g);
  }

  @Override
  public String toString() {
    return apiVersion + " " + kind;
  }
}
