package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Readiness;

/**
 * DaemonSetReader: CURRENT when every node that should run the daemon has a scheduled, updated
 * (under RollingUpdate), ready and available pod.
 */
final class DaemonSetReader implements KindReader {

  @Override
  public Readiness read(JsonNode obj, ReadContext ctx) {
    return PodOwnerReadiness.read(obj, ctx, "DaemonSet", DaemonSetReader::counts);
  }

  private static Readiness counts(JsonNode obj) {
    if (!Fields.has(obj, "status", "desiredNumberScheduled")) {
      return Readiness.inProgress("NotObserved", "controller has not counted the nodes yet");
    }
    long desired = Fields.count(obj, 0, "status", "desiredNumberScheduled");
    long scheduled = Fields.count(obj, 0, "status", "currentNumberScheduled");
    long updated = Fields.count(obj, 0, "status", "updatedNumberScheduled");
    long ready = Fields.count(obj, 0, "status", "numberReady");
    long available = Fields.count(obj, 0, "status", "numberAvailable");
    String availability = available + "/" + desired + " pods available";
    if (scheduled < desired) {
      return Readiness.inProgress(
          "PodsNotScheduled", scheduled + "/" + desired + " pods scheduled");
    }
    // OnDelete daemons update only when someone deletes the old pods; do not wait for that.
    boolean onDelete = "OnDelete".equals(Fields.text(obj, "spec", "updateStrategy", "type"));
    if (!onDelete && updated < desired) {
      return Readiness.inProgress(
          "PodsUpdating", updated + "/" + desired + " pods updated, " + availability);
    }
    if (ready < desired) {
      return Readiness.inProgress("PodsNotReady", ready + "/" + desired + " pods ready");
    }
    if (available < desired) {
      return Readiness.inProgress("PodsUnavailable", availability);
    }
    return Readiness.current("PodsAvailable", availability);
  }
}
