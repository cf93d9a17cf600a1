package dev.converge.rollout.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rollout plan persisted in status so a restarted controller resumes where it stopped.
 *
 * @param id unique per rollout
 * @param targetHash the template hash the plan rolls out
 * @param lastProgressAt RFC 3339 time a task last completed (or the plan started): stall clock
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(String id, String targetHash, Phase phase, String lastProgressAt,
    List<PlanTask> tasks, @Nullable String error) {

  public enum Phase { Active, Completed, Failed }

  public Plan withTasks(List<PlanTask> newTasks, String progressAt) {
    return new Plan(id, targetHash, phase, progressAt, newTasks, error);
  }

  public Plan failed(String message) {
    return new Plan(id, targetHash, Phase.Failed, lastProgressAt, tasks, message);
  }

  public Plan completed() {
    return new Plan(id, targetHash, Phase.Completed, lastProgressAt, tasks, error);
  }
}
