package dev.converge.core.status.wait;

/** Goal is what a wait waits for. */
public enum Goal {
  /** Every object CURRENT; FAILED ends the wait for that object (fail fast). */
  READY,
  /** Every object NOT_FOUND; an object re-created with another uid counts as gone. */
  DELETED
}
