package dev.converge.rollout.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One step of a rollout plan for one node.
 *
 * @param id unique in its plan, e.g. {@code node-1/replace-pod}
 * @param attempts how many times the task ran (a waiting task runs again on the next reconcile)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanTask(String id, Type type, int node, State state, int attempts,
    @Nullable String error) {

  /** Per node, in this order. */
  public enum Type {
    @JsonProperty("apply-statefulset") APPLY_STATEFULSET,
    @JsonProperty("replace-pod") REPLACE_POD,
    @JsonProperty("observe-image") OBSERVE_IMAGE
  }

  public enum State { Pending, Running, Done, Failed }

  public static PlanTask pending(Type type, int node) {
    return new PlanTask("node-" + node + "/" + label(type), type, node, State.Pending, 0, null);
  }

  public PlanTask with(State newState, int newAttempts, @Nullable String newError) {
    return new PlanTask(id, type, node, newState, newAttempts, newError);
  }

  static String label(Type t) {
    return switch (t) {
      case APPLY_STATEFULSET -> "apply-statefulset";
      case REPLACE_POD -> "replace-pod";
      case OBSERVE_IMAGE -> "observe-image";
    };
  }
}
