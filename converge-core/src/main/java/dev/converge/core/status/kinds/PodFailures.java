package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.PodFailure;
import dev.converge.core.status.Readiness;
import dev.converge.core.status.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * PodFailures finds containers stuck in a waiting reason that will not fix itself, and folds them
 * into a workload's result so a bad image fails fast instead of timing out.
 */
final class PodFailures {

  /** Waiting reasons that mean the container will not start without a change (issue 5). */
  static final Set<String> FAILING_REASONS =
      Set.of(
          "CrashLoopBackOff",
          "ImagePullBackOff",
          "ErrImagePull",
          "CreateContainerConfigError",
          "InvalidImageName");

  private static final Set<String> IMAGE_REASONS =
      Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName");

  private PodFailures() {}

  /** Failing containers of every pod accepted by the filter, in one pass over the pods. */
  static List<PodFailure> scan(List<JsonNode> pods, Predicate<JsonNode> include, ReadContext ctx) {
    List<PodFailure> out = new ArrayList<>();
    for (JsonNode pod : pods) {
      if (include.test(pod)) {
        scanPod(pod, ctx, out);
      }
    }
    return out;
  }

  static List<PodFailure> scanPod(JsonNode pod, ReadContext ctx) {
    List<PodFailure> out = new ArrayList<>();
    scanPod(pod, ctx, out);
    return out;
  }

  private static void scanPod(JsonNode pod, ReadContext ctx, List<PodFailure> out) {
    JsonNode status = pod.path("status");
    scanContainers(pod, status.path("initContainerStatuses"), ctx, out);
    scanContainers(pod, status.path("containerStatuses"), ctx, out);
  }

  private static void scanContainers(
      JsonNode pod, JsonNode statuses, ReadContext ctx, List<PodFailure> out) {
    for (JsonNode cs : statuses) {
      // Hot path over every pod of a large workload: only a failing container costs more.
      JsonNode waiting = cs.path("state").path("waiting");
      if (waiting.isMissingNode()) {
        continue;
      }
      String reason = Fields.text(waiting, "reason");
      if (FAILING_REASONS.contains(reason)) {
        boolean pastGrace = pastGrace(pod, ctx.now(), ctx.options().podFailureGrace());
        out.add(
            new PodFailure(
                Fields.name(pod), Fields.text(cs, "name"), reason, detail(cs, reason), pastGrace));
      }
    }
  }

  /**
   * The grace period runs from the pod's start (creation when not yet started). A pod with no time
   * at all cannot be given grace, so its failure counts at once.
   */
  private static boolean pastGrace(JsonNode pod, Instant now, Duration grace) {
    Instant start = Fields.time(pod, "status", "startTime");
    if (start == null) {
      start = Fields.time(pod, "metadata", "creationTimestamp");
    }
    return start == null || !now.isBefore(start.plus(grace));
  }

  private static String detail(JsonNode cs, String reason) {
    String message = Fields.text(cs, "state", "waiting", "message");
    if (IMAGE_REASONS.contains(reason)) {
      String image = Fields.text(cs, "image");
      return message.isEmpty() ? "image " + image : message;
    }
    if ("CrashLoopBackOff".equals(reason)) {
      // The waiting message only says "back-off restarting"; the last exit says why.
      String last = Fields.text(cs, "lastState", "terminated", "reason");
      String code = Fields.text(cs, "lastState", "terminated", "exitCode");
      String restarts = Fields.text(cs, "restartCount");
      String why =
          last.isEmpty() ? "" : "last exit " + last + (code.isEmpty() ? "" : " (" + code + ")");
      String count = restarts.isEmpty() ? "" : "restarted " + restarts + " times";
      String joined = why.isEmpty() ? count : count.isEmpty() ? why : why + ", " + count;
      return joined.isEmpty() ? message : joined;
    }
    return message.isEmpty() ? reason : message;
  }

  /**
   * Folds pod failures into a workload result that is not yet CURRENT: any failure past grace makes
   * it FAILED with the failure's reason; failures within grace are reported while it stays
   * IN_PROGRESS.
   */
  static Readiness applyTo(Readiness base, List<PodFailure> failures) {
    if (failures.isEmpty() || base.status() == Status.CURRENT) {
      return base;
    }
    PodFailure first =
        failures.stream().filter(PodFailure::pastGrace).findFirst().orElse(failures.get(0));
    String message = base.message() + ", " + summary(failures, first);
    Readiness r =
        first.pastGrace() && base.status() == Status.IN_PROGRESS
            ? Readiness.failed(first.reason(), message)
            : new Readiness(base.status(), base.reason(), message, List.of(), List.of());
    return r.withPodFailures(failures);
  }

  /** "1 pod ImagePullBackOff (web-x/app): detail", plus a count of other failing pods. */
  static String summary(List<PodFailure> failures, PodFailure first) {
    long sameReason =
        failures.stream()
            .filter(f -> f.reason().equals(first.reason()))
            .map(PodFailure::pod)
            .distinct()
            .count();
    long others =
        failures.stream()
            .filter(f -> !f.reason().equals(first.reason()))
            .map(PodFailure::pod)
            .distinct()
            .count();
    String s =
        Fields.plural(sameReason, "pod")
            + " "
            + first.reason()
            + " ("
            + first.where()
            + "): "
            + first.detail();
    return others == 0 ? s : s + "; " + Fields.plural(others, "more pod") + " failing";
  }
}
