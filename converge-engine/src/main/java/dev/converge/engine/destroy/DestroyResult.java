package dev.converge.engine.destroy;

import dev.converge.engine.manifest.ObjectKey;
import java.util.List;
import java.util.Map;

/**
 * What a destroy did: the objects deleted (and seen gone), those already gone before it began, and
 * the failures by object. A stage with a failure is the last one attempted: the objects of earlier
 * plan stages are what the failed ones depend on, so they are left in place.
 */
public record DestroyResult(List<ObjectKey> deleted, List<ObjectKey> alreadyGone,
    Map<ObjectKey, RuntimeException> failed) {

  public DestroyResult {
    deleted = List.copyOf(deleted);
    alreadyGone = List.copyOf(alreadyGone);
    failed = Map.copyOf(failed);
  }

  public boolean succeeded() {
    return failed.isEmpty();
  }

  /** Whether there was nothing to delete: a repeated destroy. */
  public boolean nothingToDo() {
    return deleted.isEmpty() && failed.isEmpty();
  }

  /**
   * Returns this result when it succeeded; otherwise throws the first failure (a {@link
   * dev.converge.core.errors.DeleteNotCompleteException} names its blocking finalizers) with the
   * others suppressed.
   */
  public DestroyResult orThrow() {
    if (failed.isEmpty()) {
      return this;
    }
    RuntimeException first = failed.values().iterator().next();
    failed.values().stream().filter(e -> e != first).forEach(first::addSuppressed);
    throw first;
  }
}
