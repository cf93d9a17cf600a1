package dev.converge.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * WorkloadDefaults fills the apps/v1 and batch/v1 defaults (replicas, strategies, history limits,
 * Job selectors) and the pod defaults of each workload's template.
 */
final class WorkloadDefaults {
  /** Label the Job controller selects its pods by (and its pre-1.27 legacy spelling). */
  static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  static final String LEGACY_CONTROLLER_UID = "controller-uid";
  static final String JOB_NAME = "batch.kubernetes.io/job-name";
  static final String LEGACY_JOB_NAME = "job-name";
  static final int REVISION_HISTORY_LIMIT = 10;
  static final int PROGRESS_DEADLINE_SECONDS = 600;
  static final int JOB_BACKOFF_LIMIT = 6;

  private WorkloadDefaults() {}

  static void deployment(ObjectNode spec) {
    Defaults.number(spec, "replicas", 1);
    ObjectNode strategy = Defaults.object(spec, "strategy");
    Defaults.text(strategy, "type", "RollingUpdate");
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      ObjectNode rolling = Defaults.object(strategy, "rollingUpdate");
      Defaults.text(rolling, "maxUnavailable", "25%");
      Defaults.text(rolling, "maxSurge", "25%");
    }
    Defaults.number(spec, "revisionHistoryLimit", REVISION_HISTORY_LIMIT);
    Defaults.number(spec, "progressDeadlineSeconds", PROGRESS_DEADLINE_SECONDS);
    PodSpecDefaults.applyToTemplate(spec.get("template"));
  }

  static void statefulSet(ObjectNode spec) {
    Defaults.number(spec, "replicas", 1);
    Defaults.text(spec, "podManagementPolicy", "OrderedReady");
    ObjectNode strategy = Defaults.object(spec, "updateStrategy");
    Defaults.text(strategy, "type", "RollingUpdate");
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      Defaults.number(Defaults.object(strategy, "rollingUpdate"), "partition", 0);
    }
    Defaults.number(spec, "revisionHistoryLimit", REVISION_HISTORY_LIMIT);
    ObjectNode retention = Defaults.object(spec, "persistentVolumeClaimRetentionPolicy");
    Defaults.text(retention, "whenDeleted", "Retain");
    Defaults.text(retention, "whenScaled", "Retain");
    JsonNode claims = spec.get("volumeClaimTemplates");
    if (claims != null && claims.isArray()) {
      for (JsonNode claim : claims) {
        ObjectNode claimSpec = Defaults.existing(claim, "spec");
        if (claimSpec != null) {
          persistentVolumeClaim(claimSpec);
        }
      }
    }
    PodSpecDefaults.applyToTemplate(spec.get("template"));
  }

  static void daemonSet(ObjectNode spec) {
    ObjectNode strategy = Defaults.object(spec, "updateStrategy");
    Defaults.text(strategy, "type", "RollingUpdate");
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      ObjectNode rolling = Defaults.object(strategy, "rollingUpdate");
      Defaults.number(rolling, "maxUnavailable", 1);
      Defaults.number(rolling, "maxSurge", 0);
    }
    Defaults.number(spec, "revisionHistoryLimit", REVISION_HISTORY_LIMIT);
    PodSpecDefaults.applyToTemplate(spec.get("template"));
  }

  static void replicaSet(ObjectNode spec) {
    Defaults.number(spec, "replicas", 1);
    PodSpecDefaults.applyToTemplate(spec.get("template"));
  }

  static void job(ObjectNode job) {
    ObjectNode spec = Defaults.object(job, "spec");
    if (Defaults.absent(spec, "completions") && Defaults.absent(spec, "parallelism")) {
      spec.put("completions", 1);
    }
    Defaults.number(spec, "parallelism", 1);
    if (Defaults.absent(spec, "backoffLimitPerIndex")) {
      Defaults.number(spec, "backoffLimit", JOB_BACKOFF_LIMIT);
    }
    Defaults.text(spec, "completionMode", "NonIndexed");
    Defaults.bool(spec, "suspend", false);
    if (Defaults.absent(spec, "podFailurePolicy")) {
      Defaults.text(spec, "podReplacementPolicy", "TerminatingOrFailed");
    }
    generateSelector(job, spec);
    PodSpecDefaults.applyToTemplate(spec.get("template"));
  }

  /**
   * Unless the user selects pods manually, the API server selects a Job's pods by its uid and
   * labels its template accordingly (so the uid must be stamped before this runs).
   */
  private static void generateSelector(ObjectNode job, ObjectNode spec) {
    if (spec.path("manualSelector").asBoolean(false)) {
      return;
    }
    String uid = job.path("metadata").path("uid").asText("");
    if (uid.isEmpty()) {
      return;
    }
    String name = job.path("metadata").path("name").asText("");
    ObjectNode template = Defaults.object(spec, "template");
    ObjectNode labels = Defaults.object(Defaults.object(template, "metadata"), "labels");
    Defaults.text(labels, CONTROLLER_UID, uid);
    Defaults.text(labels, JOB_NAME, name);
    Defaults.text(labels, LEGACY_CONTROLLER_UID, uid);
    Defaults.text(labels, LEGACY_JOB_NAME, name);
    if (Defaults.absent(spec, "selector")) {
      spec.putObject("selector").putObject("matchLabels").put(CONTROLLER_UID, uid);
    }
  }

  static void cronJob(ObjectNode spec) {
    Defaults.text(spec, "concurrencyPolicy", "Allow");
    Defaults.bool(spec, "suspend", false);
    Defaults.number(spec, "successfulJobsHistoryLimit", 3);
    Defaults.number(spec, "failedJobsHistoryLimit", 1);
    ObjectNode jobSpec = Defaults.existing(spec.get("jobTemplate"), "spec");
    if (jobSpec != null) {
      PodSpecDefaults.applyToTemplate(jobSpec.get("template"));
    }
  }

  static void persistentVolumeClaim(ObjectNode spec) {
    Defaults.text(spec, "volumeMode", "Filesystem");
  }
}
