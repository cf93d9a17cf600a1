package dev.converge.core.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.kinds.KindReaders;
import dev.converge.core.status.kinds.ReadContext;
import dev.converge.core.status.kinds.WarningEvents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;

/**
 * ReadinessModel computes the readiness of one object from its unstructured form and the related
 * objects it needs (DESIGN.md §5). Pure: no I/O, and time comes from the caller.
 *
 * <p>Contract for callers: CURRENT and FAILED end a wait; IN_PROGRESS and TERMINATING mean keep
 * watching; NOT_FOUND means the object is absent; UNKNOWN means the object could not be judged (the
 * message says why) and never throws. Results other than CURRENT carry the Warning events of the
 * object and its pods, so a timeout can report the last result as is.
 */
public final class ReadinessModel {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ReadinessModel() {}

  /** Computes with default options; {@code obj} null means the object was not found. */
  public static Readiness compute(JsonNode obj, Related related, Instant now) {
    return compute(obj, related, now, ReadinessOptions.DEFAULTS);
  }

  public static Readiness compute(
      JsonNode obj, Related related, Instant now, ReadinessOptions options) {
    if (obj == null || obj.isNull() || obj.isMissingNode()) {
      // A Job removed by ttlSecondsAfterFinished after completing is done, not missing.
      return related.seenComplete()
          ? Readiness.current("CompletedAndRemoved", "was complete, then removed")
          : Readiness.notFound();
    }
    if (!obj.isObject()) {
      return Readiness.unknown(
          "NotAnObject", "expected a Kubernetes object, got " + obj.getNodeType());
    }
    Readiness result;
    try {
      result = KindReaders.read(obj, new ReadContext(related, now, options));
    } catch (RuntimeException e) {
      // Readiness failures are data: one malformed object must not abort a wait over many.
      result = Readiness.unknown("ComputeFailed", "could not compute status: " + e);
    }
    if (result.status() == Status.CURRENT) {
      return result;
    }
    return result.withWarnings(WarningEvents.about(obj, related));
  }

  /** Computes for a typed fabric8 object by way of its unstructured form. */
  public static Readiness compute(HasMetadata obj, Related related, Instant now) {
    return compute(
        obj == null ? null : SERIALIZATION.convertValue(obj, JsonNode.class), related, now);
  }
}
