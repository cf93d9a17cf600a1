package dev.converge.rollout.internal;

import org.jspecify.annotations.Nullable;

/**
 * What running a task once gave: done (move on), waiting (run again later) or terminal (the plan
 * fails; retrying cannot help).
 */
public record TaskOutcome(Kind kind, @Nullable String message) {
  public enum Kind { DONE, WAITING, TERMINAL }

  public static TaskOutcome done() {
    return new TaskOutcome(Kind.DONE, null);
  }

  public static TaskOutcome waiting(String why) {
    return new TaskOutcome(Kind.WAITING, why);
  }

  public static TaskOutcome terminal(String message) {
    return new TaskOutcome(Kind.TERMINAL, message);
  }
}
