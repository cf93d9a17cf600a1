package dev.converge.engine.progress;

/** What a server-side apply did to one object. */
public enum ApplyAction {
  /** The object did not exist before. */
  CREATED,
  /** The object existed and the apply changed it. */
  CONFIGURED,
  /** The object was already in the desired state: the server stored nothing new. */
  UNCHANGED,
  /**
   * The object existed, a field the change needed is immutable, and (as asked) it was deleted,
   * seen gone and created again.
   */
  RECREATED
}
