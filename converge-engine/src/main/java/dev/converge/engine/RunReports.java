package dev.converge.engine;

import dev.converge.core.errors.DeleteNotCompleteException;
import dev.converge.core.status.Readiness;
import dev.converge.core.status.Status;
import dev.converge.core.status.wait.ObjectOutcome;
import dev.converge.core.status.wait.Verdict;
import dev.converge.engine.RunReport.Action;
import dev.converge.engine.RunReport.ObjectReport;
import dev.converge.engine.RunReport.Result;
import dev.converge.engine.destroy.DestroyResult;
import dev.converge.engine.destroy.PruneResult;
import dev.converge.engine.manifest.ManifestObject;
import dev.converge.engine.manifest.ObjectKey;
import dev.converge.engine.plan.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Turns the results of the applier, pruner and destroyer into one {@link RunReport}. */
final class RunReports {
  static final String SKIPPED = "not attempted: an earlier stage failed";

  private RunReports() {}

  static RunReport ofApply(Plan plan, ApplyResult applied, @Nullable PruneResult prune, boolean waited,
      Function<ObjectKey, String> apiVersions, Timings timings) {
    Map<ObjectKey, NotCurrent> notCurrent = new LinkedHashMap<>();
    applied.notCurrent().forEach(n -> notCurrent.put(n.object(), n));
    List<ObjectReport> objects = new ArrayList<>();
    for (ManifestObject object : plan.objects()) {
      ObjectKey key = object.key();
      String apiVersion = Objects.requireNonNull(object.apiVersion(), "apiVersion");
      RuntimeException error = applied.failed().get(key);
      Action action = applied.actions().containsKey(key) ? Action.valueOf(applied.actions().get(key).name()) : null;
      NotCurrent missed = notCurrent.get(key);
      Status status;
      String reason;
      if (error != null) {
        status = Status.FAILED;
        reason = message(error);
        action = action == null ? Action.FAILED : action;
      } else if (action == null) {
        status = Status.UNKNOWN;
        reason = SKIPPED;
        action = Action.SKIPPED;
      } else if (missed != null) {
        status = missed.last().status();
        reason = reason(missed);
      } else {
        // not waited for: what it will become is not known yet
        status = waited ? Status.CURRENT : Status.UNKNOWN;
        reason = "";
      }
      objects.add(report(key, apiVersion, action, status, reason, timings));
    }
    List<ObjectReport> pruned = new ArrayList<>();
    boolean pruneFailed = false;
    if (prune != null) {
      pruned.addAll(ofDestroy(prune.destroyed(), Action.PRUNED, apiVersions, timings));
      pruneFailed = !prune.succeeded();
    }
    boolean failed = !applied.failed().isEmpty() || pruneFailed
        || applied.notCurrent().stream().anyMatch(n -> n.verdict() == Verdict.FAILED);
    Result result = failed ? Result.FAILED : applied.notCurrent().isEmpty() ? Result.SUCCESS : Result.TIMEOUT;
    return new RunReport(result, objects, pruned, timings.total());
  }

  /** A destroy of {@code plan}: its objects in reverse order, those never reached as SKIPPED. */
  static RunReport ofDestroy(Plan plan, DestroyResult destroyed, Timings timings) {
    Map<ObjectKey, String> versions = new LinkedHashMap<>();
    plan.objects().forEach(o -> versions.put(o.key(), Objects.requireNonNull(o.apiVersion(), "apiVersion")));
    List<ObjectReport> objects = new ArrayList<>(ofDestroy(destroyed, Action.DELETED, versions::get, timings));
    List<ObjectKey> reached = objects.stream().map(ObjectReport::key).toList();
    for (Plan.Stage stage : plan.reversed()) {
      for (ManifestObject object : stage.objects()) {
        if (!reached.contains(object.key())) {
          objects.add(report(object.key(), versions.get(object.key()), Action.SKIPPED, Status.UNKNOWN, SKIPPED, timings));
        }
      }
    }
    return new RunReport(destroyResult(destroyed), objects, List.of(), timings.total());
  }

  static Result destroyResult(DestroyResult destroyed) {
    if (destroyed.succeeded()) {
      return Result.SUCCESS;
    }
    // only a delete still waiting on finalizers is a timeout; a refused delete is a failure
    return destroyed.failed().values().stream().allMatch(e -> e instanceof DeleteNotCompleteException)
        ? Result.TIMEOUT : Result.FAILED;
  }

  static List<ObjectReport> ofDestroy(DestroyResult destroyed, Action done, Function<ObjectKey, String> apiVersions,
      Timings timings) {
    List<ObjectReport> out = new ArrayList<>();
    destroyed.deleted().forEach(k -> out.add(report(k, apiVersions.apply(k), done, Status.NOT_FOUND, "", timings)));
    destroyed.alreadyGone().forEach(k ->
        out.add(report(k, apiVersions.apply(k), Action.ABSENT, Status.NOT_FOUND, "", timings)));
    destroyed.failed().forEach((k, e) ->
        out.add(report(k, apiVersions.apply(k), Action.FAILED, Status.TERMINATING, message(e), timings)));
    return out;
  }

  /** A wait's outcome for one object, for status and await. */
  static ObjectReport ofOutcome(ManifestObject object, ObjectOutcome outcome, Timings timings) {
    Readiness last = outcome.last();
    String reason = outcome.reached() ? "" : String.join("; ", outcome.reasons())
        + (outcome.warnings().isEmpty() ? "" : "; events: " + String.join("; ", outcome.warnings()));
    return new ObjectReport(Objects.requireNonNull(object.apiVersion(), "apiVersion"), object.key().kind(),
        object.namespace(), object.key().name(), Action.OBSERVED, last.status(), reason, outcome.waited());
  }

  private static ObjectReport report(ObjectKey key, @Nullable String apiVersion, Action action, Status status,
      String reason, Timings timings) {
    String version = apiVersion == null ? (key.group().isEmpty() ? "v1" : key.group()) : apiVersion;
    return new ObjectReport(version, key.kind(), key.namespace(), key.name(), action, status, reason, timings.of(key));
  }

  /** Why an object is not CURRENT: its last status, its reasons (pods included) and Warning events. */
  private static String reason(NotCurrent missed) {
    StringBuilder sb = new StringBuilder(missed.verdict().name()).append(": ")
        .append(String.join("; ", missed.reasons()));
    if (!missed.warnings().isEmpty()) {
      sb.append("; events: ").append(String.join("; ", missed.warnings()));
    }
    return sb.toString();
  }

  private static String message(RuntimeException e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
