package dev.converge.rollout.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The desired fleet.
 *
 * @param replicas how many nodes; scaling adds or removes the highest ordinals
 * @param template what each node runs
 * @param updateStrategy {@code InPlace} (the only strategy; the default)
 * @param progressDeadlineSeconds how long a rollout may go without task progress before it is
 *     reported Stalled; {@value #DEFAULT_PROGRESS_DEADLINE_SECONDS} when unset
 * @param maxUnavailable how many nodes are rolled at once; 1 when unset
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeDeploymentSpec(int replicas, NodeTemplate template,
    @Nullable String updateStrategy, @Nullable Integer progressDeadlineSeconds,
    @Nullable Integer maxUnavailable) {
  public static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

  public int progressDeadline() {
    return progressDeadlineSeconds == null ? DEFAULT_PROGRESS_DEADLINE_SECONDS
        : progressDeadlineSeconds;
  }

  public int maxUnavailableNodes() {
    return maxUnavailable == null || maxUnavailable < 1 ? 1 : maxUnavailable;
  }

  public NodeDeploymentSpec withTemplate(NodeTemplate t) {
    return new NodeDeploymentSpec(replicas, t, updateStrategy, progressDeadlineSeconds,
        maxUnavailable);
  }

  public NodeDeploymentSpec withReplicas(int n) {
    return new NodeDeploymentSpec(n, template, updateStrategy, progressDeadlineSeconds,
        maxUnavailable);
  }

  public NodeDeploymentSpec withProgressDeadlineSeconds(int seconds) {
    return new NodeDeploymentSpec(replicas, template, updateStrategy, seconds, maxUnavailable);
  }

  public NodeDeploymentSpec withMaxUnavailable(int n) {
    return new NodeDeploymentSpec(replicas, template, updateStrategy, progressDeadlineSeconds, n);
  }
}
