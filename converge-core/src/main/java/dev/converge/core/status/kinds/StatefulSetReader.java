package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Readiness;
import dev.converge.core.status.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * StatefulSetReader: CURRENT when every replica is ready and the update strategy's target is met.
 * RollingUpdate must update every ordinal at or above the partition (and, with no partition, finish
 * the revision switch); OnDelete only waits for readiness and names the pods still on the old
 * revision, since only a user deleting them will update them.
 */
final class StatefulSetReader implements KindReader {
  private static final String REVISION_LABEL = "controller-revision-hash";

  /** Pod names listed in the one-line message; beyond this a count keeps the line readable. */
  private static final int MAX_NAMED_PODS = 5;

  @Override
  public Readiness read(JsonNode obj, ReadContext ctx) {
    Readiness unobserved = GenericRules.unobserved(obj);
    if (unobserved != null) {
      return unobserved;
    }
    Readiness base = counts(obj, ctx);
    if (base.status() == Status.CURRENT) {
      return base;
    }
    String name = Fields.name(obj);
    return PodFailures.applyTo(
        base,
        PodFailures.scan(
            ctx.related().pods(), p -> Owners.ownedByOrOrphan(p, "StatefulSet", name), ctx));
  }

  private static Readiness counts(JsonNode obj, ReadContext ctx) {
    long replicas = Fields.specReplicas(obj);
    long ready = Fields.count(obj, 0, "status", "readyReplicas");
    long total = Fields.count(obj, 0, "status", "replicas");
    long updated = Fields.count(obj, 0, "status", "updatedReplicas");
    String readiness = ready + "/" + replicas + " replicas ready";
    if (ready < replicas) {
      return Readiness.inProgress("ReplicasNotReady", readiness);
    }
    if (total > replicas) {
      return Readiness.inProgress(
          "ReplicasPendingTermination",
          readiness
              + ", "
              + Fields.plural(total - replicas, "extra replica")
              + " pending termination");
    }
    String updateRevision = Fields.text(obj, "status", "updateRevision");
    if ("OnDelete".equals(Fields.text(obj, "spec", "updateStrategy", "type"))) {
      List<String> old = oldRevisionPods(ctx.related().pods(), updateRevision);
      long oldCount = old.isEmpty() ? Math.max(0, replicas - updated) : old.size();
      return Readiness.current(
          "ReplicasReady",
          oldCount == 0
              ? readiness
              : readiness
                  + ", "
                  + Fields.plural(oldCount, "pod")
                  + " on the old revision (OnDelete)"
                  + (old.isEmpty() ? "" : ": " + names(old)));
    }
    long partition = Fields.count(obj, 0, "spec", "updateStrategy", "rollingUpdate", "partition");
    long target = Math.max(0, replicas - partition);
    if (updated < target) {
      return Readiness.inProgress(
          "ReplicasUpdating",
          updated
              + "/"
              + target
              + " replicas updated"
              + (partition > 0 ? " (partition " + partition + ")" : "")
              + ", "
              + readiness);
    }
    // Without a partition the controller finishes by making the update revision current.
    String currentRevision = Fields.text(obj, "status", "currentRevision");
    if (partition == 0 && !updateRevision.isEmpty() && !updateRevision.equals(currentRevision)) {
      return Readiness.inProgress(
          "RevisionUpdating",
          readiness + ", rolling update to revision " + updateRevision + " not finished");
    }
    return Readiness.current(
        "ReplicasReady",
        partition > 0
            ? readiness + ", " + target + " updated above partition " + partition
            : readiness);
  }

  private static List<String> oldRevisionPods(List<JsonNode> pods, String updateRevision) {
    List<String> old = new ArrayList<>();
    if (updateRevision.isEmpty()) {
      return old;
    }
    for (JsonNode pod : pods) {
      String revision = Fields.text(pod, "metadata", "labels", REVISION_LABEL);
      if (!revision.isEmpty() && !revision.equals(updateRevision)) {
        old.add(Fields.name(pod));
      }
    }
    return old;
  }

  private static String names(List<String> pods) {
    if (pods.size() <= MAX_NAMED_PODS) {
      return String.join(", ", pods);
    }
    return String.join(", ", pods.subList(0, MAX_NAMED_PODS))
        + " and "
        + (pods.size() - MAX_NAMED_PODS)
        + " more";
  }
}
