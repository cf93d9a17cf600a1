package dev.converge.rollout.internal;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Conditions sets one condition in a list the way Kubernetes does: lastTransitionTime changes
 * only when the status does, so age-based alerts on a condition keep working.
 */
public final class Conditions {
  private Conditions() {}

  public static List<Condition> set(List<Condition> conditions, String type, boolean status,
      String reason, String message, long generation, Instant now) {
    String s = status ? "True" : "False";
    List<Condition> out = new ArrayList<>(conditions.size() + 1);
    boolean replaced = false;
    for (Condition c : conditions) {
      if (!type.equals(c.getType())) {
        out.add(c);
        continue;
      }
      replaced = true;
      String since = Objects.equals(c.getStatus(), s) && c.getLastTransitionTime() != null
          ? c.getLastTransitionTime() : now.toString();
      out.add(condition(type, s, reason, message, generation, since));
    }
    if (!replaced) {
      out.add(condition(type, s, reason, message, generation, now.toString()));
    }
    return List.copyOf(out);
  }

  private static Condition condition(String type, String status, String reason, String message,
      long generation, String since) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason)
        .withMessage(message).withObservedGeneration(generation).withLastTransitionTime(since)
        .build();
  }
}
