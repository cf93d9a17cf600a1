package dev.converge.core.errors;

import java.time.Duration;
import java.util.List;

/**
 * An object did not become ready within its timeout. Carries the last status observed, the reasons
 * given (e.g. {@code CrashLoopBackOff}) and the Warning events of the object and its pods, so the
 * report explains the failure without another kubectl command.
 */
public final class NotReadyException extends ConvergenceException {

  private final Duration waited;
  private final String lastStatus;
  private final List<String> reasons;
  private final List<String> warningEvents;

  private NotReadyException(ObjectRef ref, Duration waited, String lastStatus, List<String> reasons,
      List<String> warningEvents) {
    super("not ready after " + waited.toSeconds() + " s; last status: " + lastStatus
        + (reasons.isEmpty() ? "" : "; reasons: " + String.join(", ", reasons))
        + (warningEvents.isEmpty() ? "" : "; warnings: " + String.join(" | ", warningEvents)),
        "NotReady", CallInfo.of("wait", ref), null);
    this.waited = waited;
    this.lastStatus = lastStatus;
    this.reasons = List.copyOf(reasons);
    this.warningEvents = List.copyOf(warningEvents);
  }

  /** The wait for {@code ref} ran out after {@code waited}. */
  public static NotReadyException timedOut(ObjectRef ref, Duration waited, String lastStatus,
      List<String> reasons, List<String> warningEvents) {
    return new NotReadyException(ref, waited, lastStatus, reasons, warningEvents);
  }

  public Duration waited() {
    return waited;
  }

  public String lastStatus() {
    return lastStatus;
  }

  public List<String> reasons() {
    return reasons;
  }

  public List<String> warningEvents() {
    return warningEvents;
  }
}
