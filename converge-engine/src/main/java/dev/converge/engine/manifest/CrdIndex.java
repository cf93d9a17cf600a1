package dev.converge.engine.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds that CustomResourceDefinitions in a set provide: for each group/kind, the defining CRD
 * and its scope. Custom resources of these kinds validate without discovery (the CRD is not on the
 * cluster yet) and depend on their CRD in the plan.
 */
public final class CrdIndex {
  public static final String CRD_GROUP = "apiextensions.k8s.io";
  public static final String CRD_KIND = "CustomResourceDefinition";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A kind a CRD of the set defines. */
  public record Provided(ObjectKey crd, KindResolver.Scope scope, java.util.Set<String> versions) {}

  private final Map<String, Provided> byGroupKind;

  private CrdIndex(Map<String, Provided> byGroupKind) {
    this.byGroupKind = byGroupKind;
  }

  /** Indexes the CRDs among {@code objects}; objects that are not CRDs are ignored. */
  public static CrdIndex of(Iterable<ManifestObject> objects) {
    Map<String, Provided> index = new HashMap<>();
    for (ManifestObject object : objects) {
      if (!isCrd(object) || object.name() == null) {
        continue;
      }
      JsonNode spec = MAPPER.valueToTree(object.resource().getAdditionalProperties()).path("spec");
      String group = spec.path("group").asText("");
      String kind = spec.path("names").path("kind").asText("");
      KindResolver.Scope scope = "Cluster".equals(spec.path("scope").asText())
          ? KindResolver.Scope.CLUSTER : KindResolver.Scope.NAMESPACED;
      java.util.Set<String> versions = new java.util.HashSet<>();
      spec.path("versions").forEach(v -> versions.add(v.path("name").asText()));
      if (!kind.isEmpty()) {
        index.put(group + "/" + kind, new Provided(object.key(), scope, versions));
      }
    }
    return new CrdIndex(index);
  }

  public static boolean isCrd(ManifestObject object) {
    return CRD_KIND.equals(object.kind()) && CRD_GROUP.equals(object.group());
  }

  /** The CRD of the set defining {@code kind} in {@code apiVersion}'s group, at that version. */
  public Optional<Provided> provider(String apiVersion, String kind) {
    Provided provided = byGroupKind.get(ObjectKey.groupOf(apiVersion) + "/" + kind);
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    return provided != null && provided.versions().contains(version) ? Optional.of(provided) : Optional.empty();
  }
}
