package dev.converge.core.errors;

import java.time.Duration;
import java.util.List;

/**
 * An object was asked to be deleted but still exists after the wait: typically finalizers that no
 * controller removes. Names the finalizers, since they are what a user has to investigate.
 */
public final class DeleteNotCompleteException extends ConvergenceException {

  private final List<String> finalizers;
  private final Duration waited;

  private DeleteNotCompleteException(ObjectRef ref, List<String> finalizers, Duration waited) {
    super("still present " + waited.toSeconds() + " s after deletion"
        + (finalizers.isEmpty() ? " (no finalizers; its owner or controller has not removed it yet)"
            : "; blocked by finalizers " + String.join(", ", finalizers)
                + " (the controllers owning them must finish and remove them)"),
        "DeleteNotComplete", CallInfo.of("delete", ref), null);
    this.finalizers = List.copyOf(finalizers);
    this.waited = waited;
  }

  public static DeleteNotCompleteException of(ObjectRef ref, List<String> finalizers, Duration waited) {
    return new DeleteNotCompleteException(ref, finalizers, waited);
  }

  public List<String> finalizers() {
    return finalizers;
  }

  public Duration waited() {
    return waited;
  }
}
