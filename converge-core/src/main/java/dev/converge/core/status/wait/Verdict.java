package dev.converge.core.status.wait;

/** Verdict is how the wait for one object ended. */
public enum Verdict {
  /** The goal was reached: CURRENT, or gone when waiting for deletion. */
  REACHED,
  /** FAILED: it will not become ready without a change (fail fast). */
  FAILED,
  /** Its timeout ran out; the outcome holds the last status seen. */
  TIMED_OUT,
  /** The wait was cancelled before the object was done. */
  CANCELLED
}
