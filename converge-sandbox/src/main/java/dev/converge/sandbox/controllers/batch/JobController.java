package dev.converge.sandbox.controllers.batch;

import dev.converge.sandbox.controllers.runtime.Owners;
import dev.converge.sandbox.controllers.runtime.PodState;
import dev.converge.sandbox.controllers.runtime.Reconciler;
import dev.converge.sandbox.controllers.runtime.Times;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JobController runs a Job's pods to completion: up to {@code parallelism} at a time until
 * {@code completions} succeeded (conditions SuccessCriteriaMet and Complete), or until more than
 * {@code backoffLimit} failed (FailureTarget and Failed, reason BackoffLimitExceeded). Finished
 * pods are kept and counted, as upstream does. CronJobs are left idle: nothing creates Jobs.
 */
public final class JobController implements Reconciler {
  /** Upstream's default spec.backoffLimit. */
  private static final int DEFAULT_BACKOFF_LIMIT = 6;

  private final KubernetesClient client;
  private final Times times;

  public JobController(KubernetesClient client, Times times) {
    this.client = client;
    this.times = times;
  }

  @Override
  public String kind() {
    return "jobs";
  }

  @Override
  public Optional<Duration> reconcile(String namespace, String name) {
    Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
    if (job == null || job.getMetadata().getDeletionTimestamp() != null || finished(job)
        || Boolean.TRUE.equals(job.getSpec().getSuspend())) {
      return Optional.empty();
    }
    List<Pod> pods = client.pods().inNamespace(namespace)
        .withLabelSelector(job.getSpec().getSelector()).list().getItems().stream()
        .filter(p -> Owners.controlledBy(p, job.getMetadata().getUid())).toList();
    int succeeded = count(pods, "Succeeded");
    int failed = count(pods, "Failed");
    List<Pod> active = pods.stream().filter(PodState::isActive).toList();
    Integer completions = job.getSpec().getCompletions();
    int parallelism = job.getSpec().getParallelism() == null ? 1
        : job.getSpec().getParallelism();
    int backoffLimit = job.getSpec().getBackoffLimit() == null ? DEFAULT_BACKOFF_LIMIT
        : job.getSpec().getBackoffLimit();
    JobStatus s = job.getStatus() == null ? new JobStatus() : job.getStatus();
    String now = times.stamp();
    if (s.getStartTime() == null) {
      s.setStartTime(now);
    }
    List<JobCondition> conditions = new ArrayList<>(s.getConditions());
    if (failed > backoffLimit) {
      active.forEach(p -> client.pods().inNamespace(namespace).resource(p).delete());
      active = List.of();
      conditions.add(condition("FailureTarget", "BackoffLimitExceeded",
          "Job has reached the specified backoff limit", now));
      conditions.add(condition("Failed", "BackoffLimitExceeded",
          "Job has reached the specified backoff limit", now));
    } else if (completions != null ? succeeded >= completions
        : succeeded > 0 && active.isEmpty()) {
      conditions.add(condition("SuccessCriteriaMet", "CompletionsReached",
          "Reached expected number of succeeded pods", now));
      conditions.add(condition("Complete", "CompletionsReached",
          "Reached expected number of succeeded pods", now));
      s.setCompletionTime(now);
    } else {
      int want = completions == null ? (succeeded > 0 ? 0 : parallelism)
          : Math.min(parallelism, completions - succeeded);
      for (int i = active.size(); i < want; i++) {
        client.pods().inNamespace(namespace).resource(newPod(job)).create();
      }
    }
    s.setConditions(conditions);
    s.setActive(active.size());
    s.setReady((int) active.stream().filter(PodState::isReady).count());
    s.setSucceeded(succeeded);
    s.setFailed(failed);
    s.setTerminating(0);
    job.setStatus(s);
    client.batch().v1().jobs().inNamespace(namespace).resource(job).updateStatus();
    return Optional.empty();
  }

  private static boolean finished(Job job) {
    return job.getStatus() != null && job.getStatus().getConditions().stream()
        .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
            && "True".equals(c.getStatus()));
  }

  private static int count(List<Pod> pods, String phase) {
    return (int) pods.stream().filter(p -> phase.equals(PodState.phase(p))).count();
  }

  private static JobCondition condition(String type, String reason, String message,
      String now) {
    return new JobConditionBuilder().withType(type).withStatus("True").withReason(reason)
        .withMessage(message).withLastProbeTime(now).withLastTransitionTime(now).build();
  }

  private static Pod newPod(Job job) {
    return new PodBuilder().withNewMetadata()
        .withGenerateName(job.getMetadata().getName() + "-")
        .withNamespace(job.getMetadata().getNamespace())
        .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
        .withAnnotations(job.getSpec().getTemplate().getMetadata().getAnnotations())
        .withOwnerReferences(Owners.controllerRef(job)).endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec()).build();
  }
}
