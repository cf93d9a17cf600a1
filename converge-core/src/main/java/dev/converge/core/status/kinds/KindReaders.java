package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Readiness;
import java.util.Map;

/**
 * KindReaders applies the generic rules and then the reader for the object's group and kind; kinds
 * without a reader (custom resources, other built-ins) follow the generic conditions.
 */
public final class KindReaders {

  /** Keyed by {@code group/Kind}; the core group is the empty string. */
  private static final Map<String, KindReader> BY_GROUP_KIND =
      Map.of(
          "apps/Deployment", new DeploymentReader(),
          "apps/StatefulSet", new StatefulSetReader(),
          "apps/DaemonSet", new DaemonSetReader(),
          "apps/ReplicaSet", new ReplicaSetReader(),
          "batch/Job", new JobReader(),
          "/Pod", new PodReader(),
          "/Service", new ServiceReader(),
          "/PersistentVolumeClaim", new PersistentVolumeClaimReader(),
          "/Namespace", new NamespaceReader(),
          "apiextensions.k8s.io/CustomResourceDefinition", new CustomResourceDefinitionReader());

  private static final KindReader GENERIC = new CustomResourceReader();

  private KindReaders() {}

  /** Judges an existing object. */
  public static Readiness read(JsonNode obj, ReadContext ctx) {
    Readiness generic = GenericRules.decide(obj);
    if (generic != null) {
      return generic;
    }
    return BY_GROUP_KIND.getOrDefault(groupKind(obj), GENERIC).read(obj, ctx);
  }

  static String groupKind(JsonNode obj) {
    String apiVersion = Fields.text(obj, "apiVersion");
    int slash = apiVersion.indexOf('/');
    return (slash < 0 ? "" : apiVersion.substring(0, slash)) + "/" + Fields.text(obj, "kind");
  }
}
