package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Readiness;
import dev.converge.core.status.Status;

/**
 * DeploymentReader: CURRENT when the controller observed the spec, every replica runs the new
 * template, no old replica remains (a surge is finished) and every replica is available.
 */
final class DeploymentReader implements KindReader {

  @Override
  public Readiness read(JsonNode obj, ReadContext ctx) {
    Readiness unobserved = GenericRules.unobserved(obj);
    if (unobserved != null) {
      return unobserved;
    }
    Readiness base = counts(obj);
    if (base.status() == Status.CURRENT) {
      return base;
    }
    return PodFailures.applyTo(
        base,
        PodFailures.scan(
            ctx.related().pods(),
            Owners.podsOfNewReplicaSet(obj, ctx.related().replicaSets()),
            ctx));
  }

  private static Readiness counts(JsonNode obj) {
    long replicas = Fields.specReplicas(obj);
    long updated = Fields.count(obj, 0, "status", "updatedReplicas");
    long total = Fields.count(obj, 0, "status", "replicas");
    long available = Fields.count(obj, 0, "status", "availableReplicas");
    String availability = available + "/" + replicas + " replicas available";
    Condition progressing = Condition.find(obj, "Progressing");
    // The controller itself gave up on this rollout (spec.progressDeadlineSeconds).
    if ("ProgressDeadlineExceeded".equals(progressing.reason())) {
      return Readiness.failed(
          "ProgressDeadlineExceeded",
          availability + ", progress deadline exceeded: " + progressing.message());
    }
    if (updated < replicas) {
      return Readiness.inProgress(
          "ReplicasUpdating", updated + "/" + replicas + " replicas updated, " + availability);
    }
    // Surge or old pods still counted: the old ReplicaSet still serves traffic.
    if (total > updated) {
      return Readiness.inProgress(
          "OldReplicasPending",
          availability
              + ", "
              + Fields.plural(total - updated, "old replica")
              + " pending termination");
    }
    if (available < replicas) {
      return Readiness.inProgress("ReplicasUnavailable", availability);
    }
    return Readiness.current("ReplicasAvailable", availability);
  }
}
