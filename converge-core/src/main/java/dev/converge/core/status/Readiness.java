package dev.converge.core.status;

import java.util.List;

/**
 * Readiness is the computed status of one object: what it is, why, and a one-line message for
 * humans such as {@code 2/3 replicas available, 1 pod ImagePullBackOff (web-x/app): image
 * registry.example/app:v9 not found}.
 *
 * @param status the outcome
 * @param reason a short CamelCase reason, e.g. {@code ReplicasUnavailable}
 * @param message one line for humans
 * @param podFailures failing pods and containers (workloads report their pods), possibly empty
 * @param warnings Warning events of the object and its pods; attached only when not CURRENT
 */
public record Readiness(
    Status status,
    String reason,
    String message,
    List<PodFailure> podFailures,
    List<WarningEvent> warnings) {

  /**
   * The reason of a custom resource still within its status grace: no controller has written its
   * status yet; once the grace has passed it is judged CURRENT by existence, so waiters re-judge it
   * then even when nothing in the cluster changes.
   */
  public static final String AWAITING_STATUS = "AwaitingStatus";

  public Readiness {
    podFailures = List.copyOf(podFailures);
    warnings = List.copyOf(warnings);
  }

  public static Readiness current(String reason, String message) {
    return new Readiness(Status.CURRENT, reason, message, List.of(), List.of());
  }

  public static Readiness inProgress(String reason, String message) {
    return new Readiness(Status.IN_PROGRESS, reason, message, List.of(), List.of());
  }

  public static Readiness failed(String reason, String message) {
    return new Readiness(Status.FAILED, reason, message, List.of(), List.of());
  }

  public static Readiness terminating(String message) {
    return new Readiness(Status.TERMINATING, "Terminating", message, List.of(), List.of());
  }

  public static Readiness notFound() {
    return new Readiness(
        Status.NOT_FOUND, "NotFound", "object does not exist", List.of(), List.of());
  }

  public static Readiness unknown(String reason, String message) {
    return new Readiness(Status.UNKNOWN, reason, message, List.of(), List.of());
  }

  public Readiness withPodFailures(List<PodFailure> failures) {
    return new Readiness(status, reason, message, failures, warnings);
  }

  public Readiness withWarnings(List<WarningEvent> events) {
    return new Readiness(status, reason, message, podFailures, events);
  }

  /** Returns {@code STATUS Reason: message}, for logs and progress lines. */
  public String oneLine() {
    return status + " " + reason + ": " + message;
  }
}
