package dev.converge.cli.render;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One object's line in the live view: what was done to it, its readiness, why it is not ready yet,
 * and how long it has taken (still counting while {@code done} is false).
 */
public record Row(String object, String action, String status, String reason, Duration elapsed,
    boolean done) {

  Row with(@Nullable String newAction, @Nullable String newStatus, @Nullable String newReason,
      Duration newElapsed, boolean nowDone) {
    return new Row(object, newAction == null ? action : newAction,
        newStatus == null ? status : newStatus, newReason == null ? reason : newReason,
        newElapsed, nowDone);
  }
}
