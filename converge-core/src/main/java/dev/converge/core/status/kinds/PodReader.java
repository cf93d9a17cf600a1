package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.PodFailure;
import dev.converge.core.status.Readiness;
import java.util.List;

/**
 * PodReader: Succeeded or Ready is CURRENT, Failed is FAILED, and a container waiting in a failing
 * reason is FAILED once past the grace period; anything else is IN_PROGRESS with the scheduler's or
 * kubelet's explanation.
 */
final class PodReader implements KindReader {

  @Override
  public Readiness read(JsonNode obj, ReadContext ctx) {
    String phase = Fields.text(obj, "status", "phase");
    if ("Succeeded".equals(phase)) {
      return Readiness.current("PodSucceeded", "pod succeeded");
    }
    if ("Failed".equals(phase)) {
      String reason = GenericRules.orDefault(Fields.text(obj, "status", "reason"), "PodFailed");
      String message = Fields.text(obj, "status", "message");
      return Readiness.failed(reason, "pod failed" + (message.isEmpty() ? "" : ": " + message));
    }
    Condition ready = Condition.find(obj, "Ready");
    if (ready.isTrue()) {
      return Readiness.current("PodReady", "pod ready");
    }
    Readiness waiting =
        Readiness.inProgress(
            "PodNotReady",
            "pod " + GenericRules.orDefault(phase, "Pending") + ", " + whyNotReady(obj, ready));
    List<PodFailure> failures = PodFailures.scanPod(obj, ctx);
    return PodFailures.applyTo(waiting, failures);
  }

  /** The most specific explanation the pod carries: unscheduled beats not-ready. */
  private static String whyNotReady(JsonNode obj, Condition ready) {
    Condition scheduled = Condition.find(obj, "PodScheduled");
    if (scheduled.isFalse()) {
      return "not scheduled: " + scheduled.explanation();
    }
    return ready.exists() && !ready.explanation().isEmpty()
        ? "not ready: " + ready.explanation()
        : "not ready";
  }
}
