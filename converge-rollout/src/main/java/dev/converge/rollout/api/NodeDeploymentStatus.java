package dev.converge.rollout.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the controller observed and decided.
 *
 * @param currentHash the template hash every node runs (the baseline)
 * @param failedHash the target of the last failed rollout; not retried until the template or
 *     the {@value NodeDeployment#RETRY_ANNOTATION} annotation changes
 * @param retryToken the value of the retry annotation last acted on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeDeploymentStatus(@Nullable Phase phase, @Nullable Long observedGeneration,
    int replicas, int readyReplicas, @Nullable String currentHash, @Nullable String failedHash,
    @Nullable String retryToken, @Nullable RolloutStatus rollout, @Nullable Plan plan,
    @Nullable List<Condition> conditions) {

  public static final String ROLLOUT_IN_PROGRESS = "RolloutInProgress";
  public static final String PLAN_IN_PROGRESS = "PlanInProgress";
  public static final String NODES_READY = "NodesReady";
  public static final String STALLED = "Stalled";

  public static NodeDeploymentStatus empty() {
    return new NodeDeploymentStatus(null, null, 0, 0, null, null, null, null, null, List.of());
  }

  public Optional<Condition> condition(String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Whether condition {@code type} has status True. */
  public boolean isTrue(String type) {
    return condition(type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  public List<Condition> conditionsOrEmpty() {
    return conditions == null ? List.of() : conditions;
  }
}
