package dev.converge.engine.manifest;

import java.util.Map;
import java.util.Optional;

/** A fake {@link KindResolver} serving the built-in kinds of a current cluster, and nothing else. */
public final class BuiltInKinds implements KindResolver {
  public static final BuiltInKinds INSTANCE = new BuiltInKinds();

  private static final Map<String, Scope> KINDS = Map.ofEntries(
      Map.entry("v1/Namespace", Scope.CLUSTER),
      Map.entry("v1/PersistentVolume", Scope.CLUSTER),
      Map.entry("v1/ConfigMap", Scope.NAMESPACED),
      Map.entry("v1/Secret", Scope.NAMESPACED),
      Map.entry("v1/Service", Scope.NAMESPACED),
      Map.entry("v1/Endpoints", Scope.NAMESPACED),
      Map.entry("v1/ServiceAccount", Scope.NAMESPACED),
      Map.entry("v1/Pod", Scope.NAMESPACED),
      Map.entry("v1/PersistentVolumeClaim", Scope.NAMESPACED),
      Map.entry("v1/ResourceQuota", Scope.NAMESPACED),
      Map.entry("v1/LimitRange", Scope.NAMESPACED),
      Map.entry("apps/v1/Deployment", Scope.NAMESPACED),
      Map.entry("apps/v1/StatefulSet", Scope.NAMESPACED),
      Map.entry("apps/v1/DaemonSet", Scope.NAMESPACED),
      Map.entry("apps/v1/ReplicaSet", Scope.NAMESPACED),
      Map.entry("batch/v1/Job", Scope.NAMESPACED),
      Map.entry("batch/v1/CronJob", Scope.NAMESPACED),
      Map.entry("autoscaling/v2/HorizontalPodAutoscaler", Scope.NAMESPACED),
      Map.entry("policy/v1/PodDisruptionBudget", Scope.NAMESPACED),
      Map.entry("networking.k8s.io/v1/Ingress", Scope.NAMESPACED),
      Map.entry("networking.k8s.io/v1/IngressClass", Scope.CLUSTER),
      Map.entry("rbac.authorization.k8s.io/v1/Role", Scope.NAMESPACED),
      Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", Scope.NAMESPACED),
      Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", Scope.CLUSTER),
      Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", Scope.CLUSTER),
      Map.entry("storage.k8s.io/v1/StorageClass", Scope.CLUSTER),
      Map.entry("scheduling.k8s.io/v1/PriorityClass", Scope.CLUSTER),
      Map.entry("apiextensions.k8s.io/v1/CustomResourceDefinition", Scope.CLUSTER),
      Map.entry("admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration", Scope.CLUSTER),
      Map.entry("admissionregistration.k8s.io/v1/MutatingWebhookConfiguration", Scope.CLUSTER),
      Map.entry("apiregistration.k8s.io/v1/APIService", Scope.CLUSTER));

  @Override
  public Optional<Scope> scopeOf(String apiVersion, String kind) {
    return Optional.ofNullable(KINDS.get(apiVersion + "/" + kind));
  }
}
