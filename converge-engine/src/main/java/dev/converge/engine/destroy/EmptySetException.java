package dev.converge.engine.destroy;

/** A prune was asked for with an empty desired set, which would delete every member, without leave. */
public final class EmptySetException extends IllegalStateException {

  public EmptySetException(String parent) {
    super("refusing to prune ApplySet " + parent + " with an empty desired set: every member would be"
        + " deleted; allow an empty set explicitly, or destroy the set");
  }
}
