package dev.converge.engine;

import dev.converge.core.status.Readiness;
import dev.converge.core.status.wait.ObjectOutcome;
import dev.converge.core.status.wait.Verdict;
import dev.converge.engine.manifest.ObjectKey;
import java.util.List;

/**
 * An applied object that did not become CURRENT: how its wait ended, its last status, the reasons
 * (failing pods and containers included) and its Warning events.
 */
public record NotCurrent(ObjectKey object, Verdict verdict, Readiness last, List<String> reasons, List<String> warnings) {

  public NotCurrent {
    reasons = List.copyOf(reasons);
    warnings = List.copyOf(warnings);
  }

  static NotCurrent of(ObjectKey object, ObjectOutcome outcome) {
    return new NotCurrent(object, outcome.verdict(), outcome.last(), outcome.reasons(), outcome.warnings());
  }

  /** {@code apps/Deployment ns/web: TIMED_OUT (IN_PROGRESS ...)}. */
  public String oneLine() {
    return object + ": " + verdict + " (" + last.oneLine() + ")";
  }
}
