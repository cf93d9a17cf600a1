package dev.converge.engine.inventory;

/**
 * The ApplySet parent exists and its tooling annotation names another tool: taking over its set
 * could prune objects that tool manages, so Converge refuses (as kubectl refuses Converge's sets).
 */
public final class ForeignApplySetException extends IllegalStateException {
  private final String tooling;

  public ForeignApplySetException(String parent, String tooling) {
    super("ApplySet parent Secret " + parent + " is managed by tooling \"" + tooling + "\", not converge;"
        + " nothing was written. Use another ApplySet name, or apply this set with " + tooling);
    this.tooling = tooling;
  }

  /** The tooling annotation found on the parent, e.g. {@code kubectl/v1.30.0}. */
  public String tooling() {
    return tooling;
  }
}
