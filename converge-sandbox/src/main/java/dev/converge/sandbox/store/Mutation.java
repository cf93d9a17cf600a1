package dev.converge.sandbox.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Mutation computes the next state of one object from its current state, atomically with respect
 * to every other write. It may throw an {@code ApiException} to refuse the change.
 */
@FunctionalInterface
public interface Mutation {
  /**
   * @param current the stored object, or null when absent (never to be modified in place)
   * @param revision the revision the change will commit at, to stamp as resourceVersion
   * @return the object to store, {@link #current} unchanged to write nothing, or null to delete
   */
  Outcome apply(ObjectNode current, long revision);

  /** What a mutation decided. */
  record Outcome(Kind kind, ObjectNode object) {
    public enum Kind { PUT, DELETE, NONE }

    public static Outcome put(ObjectNode object) {
      return new Outcome(Kind.PUT, object);
    }

    public static Outcome delete(ObjectNode lastState) {
      return new Outcome(Kind.DELETE, lastState);
    }

    /** Nothing changes; {@code object} is what the caller should see. */
    public static Outcome none(ObjectNode object) {
      return new Outcome(Kind.NONE, object);
    }
  }
}
