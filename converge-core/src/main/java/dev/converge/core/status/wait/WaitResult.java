package dev.converge.core.status.wait;

import java.time.Duration;
import java.util.List;

/**
 * WaitResult holds how the wait ended for every object, in the order they were given.
 *
 * @param waited from start until the last verdict
 */
public record WaitResult(List<ObjectOutcome> outcomes, Duration waited) {

  public WaitResult {
    outcomes = List.copyOf(outcomes);
  }

  public boolean allReached() {
    return outcomes.stream().allMatch(ObjectOutcome::reached);
  }

  /** Objects that failed, timed out or were cancelled. */
  public List<ObjectOutcome> notReached() {
    return outcomes.stream().filter(o -> !o.reached()).toList();
  }

  /**
   * Returns this result when every object reached the goal; otherwise throws the first object's
   * failure (failed objects before timed-out ones) with the others as suppressed exceptions.
   */
  public WaitResult orThrow() {
    List<ObjectOutcome> bad =
        notReached().stream()
            .sorted((a, b) -> Boolean.compare(b.verdict() == Verdict.FAILED, a.verdict() == Verdict.FAILED))
            .toList();
    if (bad.isEmpty()) {
      return this;
    }
    RuntimeException first = bad.get(0).toException();
    bad.subList(1, bad.size()).forEach(o -> first.addSuppressed(o.toException()));
    throw first;
  }
}
