package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Readiness;
import java.util.ArrayList;
import java.util.List;

/**
 * GenericRules are the checks that hold for every kind and run before any kind reader: an object
 * being deleted, a controller that has not yet seen the latest spec, and the kstatus
 * Stalled/Reconciling conventions.
 */
final class GenericRules {
  private GenericRules() {}

  /** A result when a generic rule decides, or null to let the kind reader judge. */
  static Readiness decide(JsonNode obj) {
    // Deletion wins: whatever the status says, the object is on its way out.
    if (Fields.has(obj, "metadata", "deletionTimestamp")) {
      List<String> finalizers = new ArrayList<>();
      Fields.at(obj, "metadata", "finalizers").forEach(f -> finalizers.add(f.asText()));
      return Readiness.terminating(
          finalizers.isEmpty()
              ? "deletion in progress"
              : "deletion waiting for finalizers " + finalizers);
    }
    long generation = Fields.generation(obj);
    long observed = Fields.count(obj, -1, "status", "observedGeneration");
    // A status computed from an older spec says nothing about the current one.
    if (observed >= 0 && observed < generation) {
      return Readiness.inProgress(
          "ObservedGenerationLag",
          "controller has observed generation " + observed + " of " + generation);
    }
    for (Condition c : Condition.all(obj)) {
      if (c.observedGeneration() >= 0 && c.observedGeneration() < generation) {
        return Readiness.inProgress(
            "ObservedGenerationLag",
            "condition "
                + c.type()
                + " reflects generation "
                + c.observedGeneration()
                + " of "
                + generation);
      }
    }
    Condition stalled = Condition.find(obj, "Stalled");
    if (stalled.isTrue()) {
      return Readiness.failed(
          orDefault(stalled.reason(), "Stalled"), "stalled: " + stalled.explanation());
    }
    Condition reconciling = Condition.find(obj, "Reconciling");
    if (reconciling.isTrue()) {
      return Readiness.inProgress(
          orDefault(reconciling.reason(), "Reconciling"),
          "reconciling: " + reconciling.explanation());
    }
    return null;
  }

  /** Workload controllers always write observedGeneration; its absence means not yet seen. */
  static Readiness unobserved(JsonNode obj) {
    if (Fields.has(obj, "status", "observedGeneration")) {
      return null;
    }
    return Readiness.inProgress("NotObserved", "controller has not observed the object yet");
  }

  static String orDefault(String s, String fallback) {
    return s.isEmpty() ? fallback : s;
  }
}
