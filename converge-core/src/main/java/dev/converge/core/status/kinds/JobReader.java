package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Readiness;

/**
 * JobReader: a Job is CURRENT only when Complete, FAILED when Failed (or FailureTarget, which
 * precedes Failed while pods terminate), and IN_PROGRESS while it runs; a Job that has merely
 * started is not done. Its pods' failing containers fail it fast.
 */
final class JobReader implements KindReader {

  @Override
  public Readiness read(JsonNode obj, ReadContext ctx) {
    for (String type : new String[] {"Failed", "FailureTarget"}) {
      Condition failed = Condition.find(obj, type);
      if (failed.isTrue()) {
        return Readiness.failed(
            GenericRules.orDefault(failed.reason(), "JobFailed"),
            "job failed: " + failed.explanation());
      }
    }
    long completions = Fields.count(obj, 1, "spec", "completions");
    long succeeded = Fields.count(obj, 0, "status", "succeeded");
    long active = Fields.count(obj, 0, "status", "active");
    long failedPods = Fields.count(obj, 0, "status", "failed");
    String counts =
        active
            + " active, "
            + succeeded
            + "/"
            + completions
            + " succeeded, "
            + failedPods
            + " failed";
    if (Condition.find(obj, "Complete").isTrue()) {
      return Readiness.current("JobComplete", "job complete: " + counts);
    }
    if (Condition.find(obj, "Suspended").isTrue()) {
      return Readiness.inProgress("JobSuspended", "job suspended: " + counts);
    }
    String name = Fields.name(obj);
    return PodFailures.applyTo(
        Readiness.inProgress("JobRunning", counts),
        PodFailures.scan(ctx.related().pods(), p -> Owners.ownedByOrOrphan(p, "Job", name), ctx));
  }
}
