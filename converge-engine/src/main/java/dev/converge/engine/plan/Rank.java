package dev.converge.engine.plan;

import java.util.Map;

/**
 * The built-in apply order of kinds (DESIGN.md §6), lowest first: Namespaces and CRDs, then
 * policy, identity, configuration, RBAC, storage and Services, then workloads, Jobs, Ingress,
 * custom resources, and webhook configurations and APIServices last, so that a webhook is
 * registered only once the workload that serves it is applied. Kinds are matched by
 * {@code group/kind}.
 */
public enum Rank {
  NAMESPACE,
  CRD,
  POLICY,
  SERVICE_ACCOUNT,
  SECRET,
  CONFIG_MAP,
  CLUSTER_RBAC,
  RBAC,
  STORAGE,
  SERVICE,
  WORKLOAD,
  JOB,
  INGRESS,
  /** Kinds the table does not name: custom resources, autoscalers, disruption budgets, ... */
  OTHER,
  WEBHOOK;

  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  private static final Map<String, Rank> TABLE = Map.ofEntries(
      Map.entry("/Namespace", NAMESPACE),
      Map.entry("apiextensions.k8s.io/CustomResourceDefinition", CRD),
      Map.entry("/ResourceQuota", POLICY),
      Map.entry("/LimitRange", POLICY),
      Map.entry("scheduling.k8s.io/PriorityClass", POLICY),
      Map.entry("policy/PodSecurityPolicy", POLICY),
      Map.entry("networking.k8s.io/NetworkPolicy", POLICY),
      Map.entry("admissionregistration.k8s.io/ValidatingAdmissionPolicy", POLICY),
      Map.entry("admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding", POLICY),
      Map.entry("/ServiceAccount", SERVICE_ACCOUNT),
      Map.entry("/Secret", SECRET),
      Map.entry("/ConfigMap", CONFIG_MAP),
      Map.entry(RBAC_GROUP + "/ClusterRole", CLUSTER_RBAC),
      Map.entry(RBAC_GROUP + "/ClusterRoleBinding", CLUSTER_RBAC),
      Map.entry(RBAC_GROUP + "/Role", RBAC),
      Map.entry(RBAC_GROUP + "/RoleBinding", RBAC),
      Map.entry("storage.k8s.io/StorageClass", STORAGE),
      Map.entry("/PersistentVolume", STORAGE),
      Map.entry("/PersistentVolumeClaim", STORAGE),
      Map.entry("/Service", SERVICE),
      Map.entry("/Endpoints", SERVICE),
      Map.entry("discovery.k8s.io/EndpointSlice", SERVICE),
      Map.entry("apps/Deployment", WORKLOAD),
      Map.entry("apps/StatefulSet", WORKLOAD),
      Map.entry("apps/DaemonSet", WORKLOAD),
      Map.entry("apps/ReplicaSet", WORKLOAD),
      Map.entry("/ReplicationController", WORKLOAD),
      Map.entry("/Pod", WORKLOAD),
      Map.entry("batch/Job", JOB),
      Map.entry("batch/CronJob", JOB),
      Map.entry("networking.k8s.io/IngressClass", INGRESS),
      Map.entry("networking.k8s.io/Ingress", INGRESS),
      Map.entry("admissionregistration.k8s.io/ValidatingWebhookConfiguration", WEBHOOK),
      Map.entry("admissionregistration.k8s.io/MutatingWebhookConfiguration", WEBHOOK),
      Map.entry("apiregistration.k8s.io/APIService", WEBHOOK));

  /** The rank of {@code kind} in API group {@code group} (empty for the core group). */
  public static Rank of(String group, String kind) {
    return TABLE.getOrDefault(group + "/" + kind, OTHER);
  }
}
