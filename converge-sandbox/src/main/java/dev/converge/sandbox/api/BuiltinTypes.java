package dev.converge.sandbox.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BuiltinTypes lists the built-in kinds the sandbox serves, as a Kubernetes 1.33 API server
 * advertises them in discovery.
 */
final class BuiltinTypes {
  private BuiltinTypes() {}

  // Columns: group, version, kind, plural, namespaced, short names, categories, status, scale.
  // "-" means none; lists are comma separated.
  private static final String[] TABLE = {
    "|v1|Namespace|namespaces|false|ns|-|status|-",
    "|v1|ConfigMap|configmaps|true|cm|-|-|-",
    "|v1|Secret|secrets|true|-|-|-|-",
    "|v1|ServiceAccount|serviceaccounts|true|sa|-|-|-",
    "|v1|Service|services|true|svc|all|status|-",
    "|v1|Endpoints|endpoints|true|ep|-|-|-",
    "|v1|Pod|pods|true|po|all|status|-",
    "|v1|PersistentVolumeClaim|persistentvolumeclaims|true|pvc|-|status|-",
    "|v1|PersistentVolume|persistentvolumes|false|pv|-|status|-",
    "|v1|Event|events|true|ev|-|-|-",
    "|v1|Node|nodes|false|no|-|status|-",
    "|v1|ReplicationController|replicationcontrollers|true|rc|all|status|scale",
    "|v1|LimitRange|limitranges|true|limits|-|-|-",
    "|v1|ResourceQuota|resourcequotas|true|quota|-|status|-",
    "events.k8s.io|v1|Event|events|true|ev|-|-|-",
    "apps|v1|Deployment|deployments|true|deploy|all|status|scale",
    "apps|v1|ReplicaSet|replicasets|true|rs|all|status|scale",
    "apps|v1|StatefulSet|statefulsets|true|sts|all|status|scale",
    "apps|v1|DaemonSet|daemonsets|true|ds|all|status|-",
    "apps|v1|ControllerRevision|controllerrevisions|true|-|-|-|-",
    "batch|v1|Job|jobs|true|-|all|status|-",
    "batch|v1|CronJob|cronjobs|true|cj|all|status|-",
    "rbac.authorization.k8s.io|v1|Role|roles|true|-|-|-|-",
    "rbac.authorization.k8s.io|v1|RoleBinding|rolebindings|true|-|-|-|-",
    "rbac.authorization.k8s.io|v1|ClusterRole|clusterroles|false|-|-|-|-",
    "rbac.authorization.k8s.io|v1|ClusterRoleBinding|clusterrolebindings|false|-|-|-|-",
    "coordination.k8s.io|v1|Lease|leases|true|-|-|-|-",
    "networking.k8s.io|v1|IngressClass|ingressclasses|false|-|-|-|-",
    "networking.k8s.io|v1|Ingress|ingresses|true|ing|-|status|-",
    "networking.k8s.io|v1|NetworkPolicy|networkpolicies|true|netpol|-|-|-",
    "autoscaling|v2|HorizontalPodAutoscaler|horizontalpodautoscalers|true|hpa|all|status|-",
    "autoscaling|v1|HorizontalPodAutoscaler|horizontalpodautoscalers|true|hpa|all|status|-",
    "policy|v1|PodDisruptionBudget|poddisruptionbudgets|true|pdb|-|status|-",
    "admissionregistration.k8s.io|v1|ValidatingWebhookConfiguration|validatingwebhookconfigurations|false|-|api-extensions|-|-",
    "admissionregistration.k8s.io|v1|MutatingWebhookConfiguration|mutatingwebhookconfigurations|false|-|api-extensions|-|-",
    "apiextensions.k8s.io|v1|CustomResourceDefinition|customresourcedefinitions|false|crd,crds|api-extensions|status|-",
    "apiregistration.k8s.io|v1|APIService|apiservices|false|-|api-extensions|status|-",
    "storage.k8s.io|v1|StorageClass|storageclasses|false|sc|-|-|-",
    "scheduling.k8s.io|v1|PriorityClass|priorityclasses|false|pc|-|-|-",
    "discovery.k8s.io|v1|EndpointSlice|endpointslices|true|-|-|-|-",
  };

  static List<ResourceType> all() {
    List<ResourceType> out = new ArrayList<>();
    for (String row : TABLE) {
      String[] c = row.split("\\|", -1);
      out.add(new ResourceType(c[0], c[1], c[2], c[3], Boolean.parseBoolean(c[4]), list(c[5]),
          list(c[6]), c[7].equals("status"), c[8].equals("scale")));
    }
    return out;
  }

  private static List<String> list(String cell) {
    return cell.equals("-") ? List.of() : Arrays.asList(cell.split(","));
  }
}
