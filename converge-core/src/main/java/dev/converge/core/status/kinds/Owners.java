package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/** Owners tells which related pods belong to which controller, by owner references. */
final class Owners {
  private static final String REVISION = "deployment.kubernetes.io/revision";

  private Owners() {}

  /** True when the object has no owner references or one of them names the given owner. */
  static boolean ownedByOrOrphan(JsonNode obj, String ownerKind, String ownerName) {
    JsonNode refs = Fields.at(obj, "metadata", "ownerReferences");
    if (refs.isEmpty()) {
      return true;
    }
    for (JsonNode ref : refs) {
      if (ownerKind.equals(Fields.text(ref, "kind"))
          && ownerName.equals(Fields.text(ref, "name"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Pods of a Deployment's newest ReplicaSet, the one whose revision annotation equals the
   * Deployment's. Old pods are on their way out; their failures do not block the rollout. When the
   * ReplicaSets are unknown, every related pod counts.
   */
  static Predicate<JsonNode> podsOfNewReplicaSet(
      JsonNode deployment, Iterable<JsonNode> replicaSets) {
    String revision = Fields.text(deployment, "metadata", "annotations", REVISION);
    if (revision.isEmpty()) {
      return pod -> true;
    }
    for (JsonNode rs : replicaSets) {
      if (revision.equals(Fields.text(rs, "metadata", "annotations", REVISION))) {
        String rsName = Fields.name(rs);
        return pod -> ownedByOrOrphan(pod, "ReplicaSet", rsName);
      }
    }
    return pod -> true;
  }
}
