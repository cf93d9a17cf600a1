package dev.converge.core.status;

import java.time.Instant;

/**
 * WarningEvent is a Warning event about the object or one of its pods, attached to a result that is
 * not CURRENT so a failure or timeout report says what Kubernetes complained about.
 *
 * @param kind the kind of the object the event is about
 * @param name the name of the object the event is about
 * @param reason the event reason, e.g. {@code FailedScheduling}
 * @param message the event message
 * @param count how many times it was seen (at least 1)
 * @param lastSeen when it was last seen, or {@link Instant#EPOCH} when the event carries no time
 */
public record WarningEvent(
    String kind, String name, String reason, String message, int count, Instant lastSeen) {

  /** Returns a one-line rendering: {@code Pod/web-1 FailedScheduling: 0/3 nodes available (x2)}. */
  public String oneLine() {
    return kind
        + "/"
        + name
        + " "
        + reason
        + ": "
        + message
        + (count > 1 ? " (x" + count + ")" : "");
  }
}
