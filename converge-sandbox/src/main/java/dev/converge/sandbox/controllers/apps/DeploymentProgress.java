package dev.converge.sandbox.controllers.apps;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DeploymentProgress decides a Deployment's Available and Progressing conditions from its
 * previous and new status, as pure logic: progress (more updated, ready or available pods, fewer
 * old ones) refreshes Progressing; none for progressDeadlineSeconds makes it False with reason
 * ProgressDeadlineExceeded.
 */
final class DeploymentProgress {
  /** What happened to the new ReplicaSet in this sync. */
  enum Event { CREATED, NONE }

  private DeploymentProgress() {}

  /**
   * The conditions for {@code next}, keeping transition times from {@code previous}.
   *
   * @param deadlineSeconds progressDeadlineSeconds, or null for none
   */
  static List<DeploymentCondition> conditions(DeploymentStatus previous, DeploymentStatus next,
      int replicas, int maxUnavailable, String newRsName, Event event, boolean paused,
      Integer deadlineSeconds, Instant now) {
    String stamp = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    List<DeploymentCondition> out = new ArrayList<>();
    boolean available = value(next.getAvailableReplicas()) >= replicas - maxUnavailable;
    out.add(merge(previous, available ? cond("Available", "True", "MinimumReplicasAvailable",
        "Deployment has minimum availability.", stamp)
        : cond("Available", "False", "MinimumReplicasUnavailable",
            "Deployment does not have minimum availability.", stamp), false));
    Optional<DeploymentCondition> before = find(previous, "Progressing");
    boolean complete = value(next.getUpdatedReplicas()) == replicas
        && value(next.getReplicas()) == replicas && value(next.getAvailableReplicas()) == replicas;
    DeploymentCondition progressing;
    boolean refresh = true;
    if (paused) {
      progressing = cond("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused",
          stamp);
    } else if (event == Event.CREATED) {
      progressing = cond("Progressing", "True", "NewReplicaSetCreated",
          "Created new replica set \"" + newRsName + "\"", stamp);
    } else if (complete) {
      progressing = cond("Progressing", "True", "NewReplicaSetAvailable",
          "ReplicaSet \"" + newRsName + "\" has successfully progressed.", stamp);
      // Completion is reported once; later syncs of a complete Deployment change nothing.
      refresh = before.map(b -> !"NewReplicaSetAvailable".equals(b.getReason())).orElse(true);
    } else if (madeProgress(previous, next) || before.isEmpty()) {
      progressing = cond("Progressing", "True", "ReplicaSetUpdated",
          "ReplicaSet \"" + newRsName + "\" is progressing.", stamp);
    } else if (timedOut(before.get(), deadlineSeconds, now)) {
      progressing = cond("Progressing", "False", "ProgressDeadlineExceeded",
          "ReplicaSet \"" + newRsName + "\" has timed out progressing.", stamp);
      refresh = !"ProgressDeadlineExceeded".equals(before.get().getReason());
    } else {
      progressing = before.get();
      refresh = false;
    }
    out.add(refresh ? merge(previous, progressing, true) : before.orElse(progressing));
    return out;
  }

  /** When a still-progressing Deployment would time out, if it has a deadline. */
  static Optional<Instant> deadline(DeploymentStatus status, Integer deadlineSeconds) {
    if (deadlineSeconds == null) {
      return Optional.empty();
    }
    return find(status, "Progressing")
        .filter(c -> "True".equals(c.getStatus()) && c.getLastUpdateTime() != null
            && !"NewReplicaSetAvailable".equals(c.getReason()))
        .map(c -> Instant.parse(c.getLastUpdateTime()).plusSeconds(deadlineSeconds));
  }

  private static boolean timedOut(DeploymentCondition c, Integer deadlineSeconds, Instant now) {
    if (deadlineSeconds == null || c.getLastUpdateTime() == null) {
      return false;
    }
    return now.isAfter(Instant.parse(c.getLastUpdateTime()).plusSeconds(deadlineSeconds));
  }

  private static boolean madeProgress(DeploymentStatus old, DeploymentStatus next) {
    if (old == null) {
      return true;
    }
    int oldOld = value(old.getReplicas()) - value(old.getUpdatedReplicas());
    int newOld = value(next.getReplicas()) - value(next.getUpdatedReplicas());
    return value(next.getUpdatedReplicas()) > value(old.getUpdatedReplicas()) || newOld < oldOld
        || value(next.getReadyReplicas()) > value(old.getReadyReplicas())
        || value(next.getAvailableReplicas()) > value(old.getAvailableReplicas());
  }

  /** Keeps lastTransitionTime while the status stays; lastUpdateTime too unless refreshed. */
  private static DeploymentCondition merge(DeploymentStatus previous, DeploymentCondition c,
      boolean refreshUpdate) {
    Optional<DeploymentCondition> before = find(previous, c.getType());
    if (before.isPresent() && before.get().getStatus().equals(c.getStatus())) {
      c.setLastTransitionTime(before.get().getLastTransitionTime());
      if (!refreshUpdate && before.get().getReason() != null
          && before.get().getReason().equals(c.getReason())) {
        c.setLastUpdateTime(before.get().getLastUpdateTime());
      }
    }
    return c;
  }

  private static DeploymentCondition cond(String type, String status, String reason,
      String message, String stamp) {
    return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason)
        .withMessage(message).withLastUpdateTime(stamp).withLastTransitionTime(stamp).build();
  }

  private static Optional<DeploymentCondition> find(DeploymentStatus s, String type) {
    if (s == null) {
      return Optional.empty();
    }
    return s.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static int value(Integer i) {
    return i == null ? 0 : i;
  }
}
