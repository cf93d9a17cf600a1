package dev.converge.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * ImmutableFields refuses updates that change what the real API server keeps fixed after
 * creation, with the upstream field paths and messages ("field is immutable", or a Forbidden on
 * {@code spec} for StatefulSets and PersistentVolumeClaims).
 */
final class ImmutableFields {
  /** StatefulSet spec fields an update may change; the rest of the spec is fixed. */
  static final List<String> STATEFULSET_MUTABLE = List.of("replicas", "ordinals", "template",
      "updateStrategy", "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy",
      "minReadySeconds");
  static final String STATEFULSET_FORBIDDEN = "updates to statefulset spec for fields other than "
      + "'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', "
      + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
  static final String PVC_FORBIDDEN = "spec is immutable after creation except resources.requests"
      + " and volumeAttributesClassName for bound claims";
  static final String IMMUTABLE_WHEN_SET = "field is immutable when `immutable` is set";

  private ImmutableFields() {}

  static void check(String group, String kind, JsonNode previous, JsonNode next,
      FieldErrors errors) {
    JsonNode oldSpec = previous.path("spec");
    JsonNode newSpec = next.path("spec");
    switch (group + "/" + kind) {
      case "apps/Deployment", "apps/ReplicaSet", "apps/DaemonSet" ->
          selector(newSpec, oldSpec, errors);
      case "apps/StatefulSet" -> statefulSet(newSpec, oldSpec, errors);
      case "batch/Job" -> job(newSpec, oldSpec, errors);
      case "/Service" -> service(newSpec, oldSpec, errors);
      case "/PersistentVolumeClaim" -> claim(newSpec, oldSpec, errors);
      case "/ConfigMap" -> immutableData(previous, next, List.of("data", "binaryData"), errors);
      case "/Secret" -> {
        immutableData(previous, next, List.of("data"), errors);
        errors.immutable("type", next.get("type"), previous.get("type"));
      }
      default -> { }
    }
  }

  private static void selector(JsonNode newSpec, JsonNode oldSpec, FieldErrors errors) {
    JsonNode next = newSpec.get("selector");
    if (!FieldErrors.same(next, oldSpec.get("selector"))) {
      String rendered = next == null || next.isNull() ? "null" : GoSyntax.labelSelector(next);
      errors.invalidRendered("spec.selector", rendered, FieldErrors.IMMUTABLE);
    }
  }

  private static void statefulSet(JsonNode newSpec, JsonNode oldSpec, FieldErrors errors) {
    if (!withoutFields(newSpec, STATEFULSET_MUTABLE)
        .equals(withoutFields(oldSpec, STATEFULSET_MUTABLE))) {
      errors.forbidden("spec", STATEFULSET_FORBIDDEN);
    }
  }

  private static void job(JsonNode newSpec, JsonNode oldSpec, FieldErrors errors) {
    // Indexed Jobs may scale completions together with parallelism (elastic Indexed Jobs).
    boolean elastic = newSpec.path("completionMode").asText().equals("Indexed")
        && newSpec.path("completions").equals(newSpec.path("parallelism"));
    if (!elastic) {
      errors.immutable("spec.completions", newSpec.get("completions"),
          oldSpec.get("completions"));
    }
    selector(newSpec, oldSpec, errors);
    errors.immutable("spec.template", newSpec.get("template"), oldSpec.get("template"));
    errors.immutable("spec.completionMode", newSpec.get("completionMode"),
        oldSpec.get("completionMode"));
  }

  private static void service(JsonNode newSpec, JsonNode oldSpec, FieldErrors errors) {
    boolean bothNeedIp = !newSpec.path("type").asText().equals("ExternalName")
        && !oldSpec.path("type").asText().equals("ExternalName");
    String oldIp = oldSpec.path("clusterIP").asText("");
    if (bothNeedIp && !oldIp.isEmpty()) {
      errors.immutable("spec.clusterIP", newSpec.get("clusterIP"), oldSpec.get("clusterIP"));
    }
  }

  private static void claim(JsonNode newSpec, JsonNode oldSpec, FieldErrors errors) {
    ObjectNode a = comparableClaim(newSpec);
    ObjectNode b = comparableClaim(oldSpec);
    // The binder sets volumeName once, on an unbound claim.
    if (oldSpec.path("volumeName").asText("").isEmpty()) {
      a.remove("volumeName");
      b.remove("volumeName");
    }
    if (!a.equals(b)) {
      errors.forbidden("spec", PVC_FORBIDDEN);
    }
  }

  private static ObjectNode comparableClaim(JsonNode spec) {
    ObjectNode copy = withoutFields(spec, List.of("volumeAttributesClassName"));
    if (copy.get("resources") instanceof ObjectNode resources) {
      resources.remove("requests");
      if (resources.isEmpty()) {
        copy.remove("resources");
      }
    }
    return copy;
  }

  private static void immutableData(JsonNode previous, JsonNode next, List<String> fields,
      FieldErrors errors) {
    if (!previous.path("immutable").asBoolean(false)) {
      return;
    }
    if (!next.path("immutable").asBoolean(false)) {
      errors.forbidden("immutable", IMMUTABLE_WHEN_SET);
    }
    for (String field : fields) {
      if (!sameMap(next.get(field), previous.get(field))) {
        errors.forbidden(field, IMMUTABLE_WHEN_SET);
      }
    }
  }

  /** Go's DeepEqual on maps treats nil and empty alike only when both are absent; match that. */
  private static boolean sameMap(JsonNode a, JsonNode b) {
    return FieldErrors.same(a, b);
  }

  private static ObjectNode withoutFields(JsonNode spec, List<String> fields) {
    ObjectNode copy = spec instanceof ObjectNode o ? o.deepCopy()
        : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    copy.remove(fields);
    return copy;
  }
}
