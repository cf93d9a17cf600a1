package dev.converge.core.status.wait;

import dev.converge.core.errors.NotReadyException;
import dev.converge.core.errors.ObjectRef;
import dev.converge.core.errors.RolloutFailedException;
import dev.converge.core.status.PodFailure;
import dev.converge.core.status.Readiness;
import dev.converge.core.status.WarningEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * ObjectOutcome is how the wait for one object ended, with the last readiness seen, so a failure or
 * timeout explains itself (reasons, failing pods, Warning events).
 *
 * @param waited from the start of the wait until the verdict
 */
public record ObjectOutcome(
    ObjectRef ref, Verdict verdict, Readiness last, Instant at, Duration waited) {

  public boolean reached() {
    return verdict == Verdict.REACHED;
  }

  /** The reason and each failing container, e.g. {@code web-x/app ImagePullBackOff: ...}. */
  public List<String> reasons() {
    List<String> out = new ArrayList<>();
    out.add(last.reason() + ": " + last.message());
    for (PodFailure f : last.podFailures()) {
      out.add(f.where() + " " + f.reason() + ": " + f.detail());
    }
    return out;
  }

  public List<String> warnings() {
    return last.warnings().stream().map(WarningEvent::oneLine).toList();
  }

  /**
   * The typed failure for an object that did not reach its goal: {@link RolloutFailedException}
   * when it failed, {@link NotReadyException} otherwise.
   */
  public RuntimeException toException() {
    if (verdict == Verdict.FAILED) {
      return RolloutFailedException.of(ref, reasons());
    }
    return NotReadyException.timedOut(ref, waited, last.oneLine(), reasons(), warnings());
  }

  /** Returns {@code ref: VERDICT (STATUS Reason: message)}. */
  public String oneLine() {
    return ref + ": " + verdict + " (" + last.oneLine() + ")";
  }
}
