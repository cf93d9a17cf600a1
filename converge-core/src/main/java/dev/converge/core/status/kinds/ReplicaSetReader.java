package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Readiness;

/** ReplicaSetReader: CURRENT when exactly the desired replicas exist, ready and available. */
final class ReplicaSetReader implements KindReader {

  @Override
  public Readiness read(JsonNode obj, ReadContext ctx) {
    return PodOwnerReadiness.read(obj, ctx, "ReplicaSet", ReplicaSetReader::counts);
  }

  private static Readiness counts(JsonNode obj) {
    long replicas = Fields.specReplicas(obj);
    long total = Fields.count(obj, 0, "status", "replicas");
    long ready = Fields.count(obj, 0, "status", "readyReplicas");
    long available = Fields.count(obj, 0, "status", "availableReplicas");
    String availability = available + "/" + replicas + " replicas available";
    // Pod creation refused (quota, admission): keep waiting but say why.
    Condition failure = Condition.find(obj, "ReplicaFailure");
    if (failure.isTrue()) {
      return Readiness.inProgress("ReplicaFailure", availability + ", " + failure.explanation());
    }
    if (total < replicas) {
      return Readiness.inProgress("ReplicasCreating", total + "/" + replicas + " replicas created");
    }
    if (total > replicas) {
      return Readiness.inProgress(
          "ReplicasPendingTermination",
          Fields.plural(total - replicas, "extra replica") + " pending termination");
    }
    if (ready < replicas) {
      return Readiness.inProgress("ReplicasNotReady", ready + "/" + replicas + " replicas ready");
    }
    if (available < replicas) {
      return Readiness.inProgress("ReplicasUnavailable", availability);
    }
    return Readiness.current("ReplicasAvailable", availability);
  }
}
