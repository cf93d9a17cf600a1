package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Readiness;

/**
 * PersistentVolumeClaimReader: Bound is CURRENT; so is Pending under a WaitForFirstConsumer class,
 * because binding then waits for the pod that uses the claim and waiting for it first would
 * deadlock an ordered apply.
 */
final class PersistentVolumeClaimReader implements KindReader {

  @Override
  public Readiness read(JsonNode obj, ReadContext ctx) {
    String phase = Fields.text(obj, "status", "phase");
    if ("Bound".equals(phase)) {
      return Readiness.current(
          "ClaimBound", "claim bound to " + Fields.text(obj, "spec", "volumeName"));
    }
    if ("Lost".equals(phase)) {
      return Readiness.failed(
          "ClaimLost", "claim lost its volume " + Fields.text(obj, "spec", "volumeName"));
    }
    JsonNode storageClass = ctx.related().storageClass();
    if (storageClass != null
        && appliesTo(storageClass, obj)
        && "WaitForFirstConsumer".equals(Fields.text(storageClass, "volumeBindingMode"))) {
      return Readiness.current(
          "WaitForFirstConsumer",
          "claim pending until a pod uses it (class " + Fields.name(storageClass) + ")");
    }
    return Readiness.inProgress(
        "ClaimPending", "claim " + GenericRules.orDefault(phase, "Pending"));
  }

  /** A claim without a class name uses the default class, which the caller resolved. */
  private static boolean appliesTo(JsonNode storageClass, JsonNode claim) {
    String wanted = Fields.text(claim, "spec", "storageClassName");
    return wanted.isEmpty() || wanted.equals(Fields.name(storageClass));
  }
}
