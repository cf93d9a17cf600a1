package dev.converge.sandbox.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BuiltinSchemas knows the merge structure of the built-in kinds, as their Go types declare it
 * with {@code patchStrategy}/{@code patchMergeKey} and {@code listType}/{@code listMapKeys}/
 * {@code mapType}/{@code structType} markers. Lists not named here are atomic, as in upstream.
 *
 * <p>Rows read {@code <path> <strategy> [smp=<key>]}, paths relative to the block:
 * <ul>
 *   <li>{@code set}: a list of scalars merged by value (apply and strategic merge);
 *   <li>{@code map:k1,k2}: a list of objects keyed by k1,k2, strategic-merged by k1;
 *   <li>{@code atomic}: replaced whole; {@code smp=key} still strategic-merges it by {@code key};
 *   <li>{@code atomic-map}: an object apply replaces whole (a LabelSelector);
 *   <li>{@code @block}: the rows of {@code block} under that path.
 * </ul>
 */
public final class BuiltinSchemas implements SchemaRegistry {
  private static final Map<String, String[]> BLOCKS = Map.of(
      "meta", new String[] {
          "finalizers                 set",
          "ownerReferences            map:uid",
          "managedFields              atomic",
      },
      "container", new String[] {
          "ports                      map:containerPort,protocol",
          "env                        map:name",
          "envFrom                    atomic",
          "volumeMounts               map:mountPath",
          "volumeDevices              map:devicePath",
          "resizePolicy               atomic",
          "resources.claims           map:name",
      },
      "podSpec", new String[] {
          "volumes                    map:name",
          "containers                 map:name",
          "containers                 @container",
          "initContainers             map:name",
          "initContainers             @container",
          "ephemeralContainers        map:name",
          "ephemeralContainers        @container",
          "imagePullSecrets           map:name",
          "hostAliases                map:ip",
          "topologySpreadConstraints  map:topologyKey,whenUnsatisfiable",
          "topologySpreadConstraints.labelSelector  atomic-map",
          "resourceClaims             map:name",
          "schedulingGates            map:name",
          "tolerations                atomic",
          "readinessGates             atomic",
          "nodeSelector               atomic-map",
          "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution  atomic-map",
      },
      "podTemplate", new String[] {
          "metadata                   @meta",
          "spec                       @podSpec",
      },
      "workload", new String[] {
          "spec.selector              atomic-map",
          "spec.template              @podTemplate",
      });

  /** Rows for each kind, keyed {@code group/Kind}; every kind also gets {@link #COMMON}. */
  private static final Map<String, String[]> KINDS = new HashMap<>();

  /** Every object has ObjectMeta; upstream conditions merge by type on almost every kind. */
  private static final String[] COMMON = {
      "metadata                   @meta",
      "status.conditions          map:type",
  };

  static {
    kind("/Pod",
        "spec                       @podSpec",
        "status.podIPs              map:ip",
        "status.hostIPs             map:ip",
        "status.resourceClaimStatuses  map:name");
    kind("/ReplicationController",
        "spec.selector              atomic-map",
        "spec.template              @podTemplate");
    kind("apps/Deployment", "@workload");
    kind("apps/ReplicaSet", "@workload");
    kind("apps/DaemonSet", "@workload");
    kind("apps/StatefulSet", "@workload",
        "spec.volumeClaimTemplates  atomic");
    kind("batch/Job", "@workload",
        "status.conditions          atomic smp=type");
    kind("batch/CronJob",
        "spec.jobTemplate.metadata  @meta",
        "spec.jobTemplate          @workload",
        "status.active              atomic");
    kind("/Service",
        "spec.ports                 map:port,protocol",
        "spec.selector              atomic-map",
        "spec.clusterIPs            atomic",
        "spec.ipFamilies            atomic",
        "spec.externalIPs           atomic",
        "status.loadBalancer.ingress  atomic");
    kind("/Endpoints", "subsets     atomic");
    kind("discovery.k8s.io/EndpointSlice",
        "endpoints                  atomic",
        "ports                      atomic");
    kind("/Namespace", "spec.finalizers  atomic");
    kind("/Node",
        "spec.podCIDRs              set",
        "spec.taints                atomic",
        "status.addresses           map:type",
        "status.images              atomic",
        "status.volumesAttached     atomic",
        "status.volumesInUse        atomic");
    kind("/PersistentVolumeClaim",
        "spec.accessModes           atomic",
        "spec.selector              atomic-map",
        "status.accessModes         atomic");
    kind("/PersistentVolume",
        "spec.accessModes           atomic",
        "spec.mountOptions          atomic",
        "spec.claimRef              atomic-map");
    kind("/ServiceAccount",
        "secrets                    map:name",
        "imagePullSecrets           atomic");
    kind("/LimitRange", "spec.limits  atomic");
    kind("/ResourceQuota", "spec.scopes  atomic");
    kind("rbac.authorization.k8s.io/Role", "rules  atomic");
    kind("rbac.authorization.k8s.io/ClusterRole",
        "rules                      atomic",
        "aggregationRule.clusterRoleSelectors  atomic");
    kind("rbac.authorization.k8s.io/RoleBinding", "subjects  atomic");
    kind("rbac.authorization.k8s.io/ClusterRoleBinding", "subjects  atomic");
    kind("networking.k8s.io/Ingress",
        "spec.rules                 atomic",
        "spec.tls                   atomic",
        "status.loadBalancer.ingress  atomic");
    kind("networking.k8s.io/NetworkPolicy",
        "spec.podSelector           atomic-map",
        "spec.ingress               atomic",
        "spec.egress                atomic",
        "spec.policyTypes           atomic");
    kind("autoscaling/HorizontalPodAutoscaler",
        "spec.metrics               atomic",
        "status.currentMetrics      atomic");
    kind("policy/PodDisruptionBudget", "spec.selector  atomic-map");
    for (String webhooks : List.of("ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration")) {
      kind("admissionregistration.k8s.io/" + webhooks,
          "webhooks                   map:name",
          "webhooks.rules             atomic",
          "webhooks.admissionReviewVersions  atomic",
          "webhooks.namespaceSelector  atomic-map",
          "webhooks.objectSelector    atomic-map",
          "webhooks.matchConditions   map:name");
    }
    kind("apiextensions.k8s.io/CustomResourceDefinition",
        "spec.versions              atomic",
        "status.storedVersions      atomic");
    kind("storage.k8s.io/StorageClass",
        "mountOptions               atomic",
        "allowedTopologies          atomic");
    for (String plain : List.of("/ConfigMap", "/Secret", "/Event", "events.k8s.io/Event",
        "apps/ControllerRevision", "coordination.k8s.io/Lease", "networking.k8s.io/IngressClass",
        "apiregistration.k8s.io/APIService", "scheduling.k8s.io/PriorityClass")) {
      kind(plain);
    }
  }

  private final Map<String, TypeSchema> schemas = new HashMap<>();

  public BuiltinSchemas() {
    KINDS.forEach((key, rows) -> schemas.put(key, build(rows)));
  }

  /** The schema of a built-in kind, or {@link TypeSchema#NONE} for any other kind. */
  @Override
  public TypeSchema forKind(String group, String kind) {
    return schemas.getOrDefault((group == null ? "" : group) + "/" + kind, TypeSchema.NONE);
  }

  /** Adds the ObjectMeta rows (finalizers, ownerReferences, managedFields) under metadata. */
  static void addObjectMeta(TableSchema.Builder builder) {
    addRows(builder, List.of("metadata"), block("@meta"));
  }

  private static void kind(String groupKind, String... rows) {
    KINDS.put(groupKind, rows);
  }

  private static TypeSchema build(String[] kindRows) {
    TableSchema.Builder builder = TableSchema.builder();
    addRows(builder, List.of(), COMMON);
    // Kind rows come last so that they override the common ones (Job conditions).
    addRows(builder, List.of(), kindRows);
    return builder.build();
  }

  private static void addRows(TableSchema.Builder builder, List<String> prefix, String[] rows) {
    for (String row : rows) {
      String[] cells = row.trim().split("\\s+");
      if (cells[0].startsWith("@")) {
        addRows(builder, prefix, block(cells[0]));
        continue;
      }
      List<String> path = new ArrayList<>(prefix);
      path.addAll(Arrays.asList(cells[0].split("\\.")));
      String strategy = cells[1];
      if (strategy.startsWith("@")) {
        addRows(builder, path, block(strategy));
      } else if (strategy.equals("atomic-map")) {
        builder.atomicMap(path);
      } else {
        builder.list(path, listType(strategy, cells.length > 2 ? cells[2] : null));
      }
    }
  }

  private static String[] block(String reference) {
    String[] rows = BLOCKS.get(reference.substring(1));
    if (rows == null) {
      throw new IllegalStateException("unknown schema block " + reference);
    }
    return rows;
  }

  private static ListType listType(String strategy, String smpOverride) {
    ListType type;
    if (strategy.equals("set")) {
      type = ListType.SET;
    } else if (strategy.equals("atomic")) {
      type = ListType.ATOMIC;
    } else if (strategy.startsWith("map:")) {
      type = ListType.map(strategy.substring(4).split(","));
    } else {
      throw new IllegalStateException("unknown list strategy " + strategy);
    }
    if (smpOverride != null && smpOverride.startsWith("smp=")) {
      return new ListType(type.kind(), type.keys(), smpOverride.substring(4));
    }
    return type;
  }
}
