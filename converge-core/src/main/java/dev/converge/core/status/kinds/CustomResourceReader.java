package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Readiness;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * CustomResourceReader judges custom resources and built-ins without a reader of their own by the
 * generic condition conventions: Ready, else Succeeded, else Available.
 */
final class CustomResourceReader implements KindReader {

  /** Words in a condition reason that mean a controller gave up rather than is still working. */
  private static final Pattern FAILURE_WORDS =
      Pattern.compile("fail|error|invalid|exceeded|denied|forbidden|rejected");

  /** The reason while a controller may still write a first status; the waiter re-judges it then. */
  static final String AWAITING_STATUS = Readiness.AWAITING_STATUS;

  private static final String[] SUMMARY_CONDITIONS = {"Ready", "Succeeded", "Available"};

  @Override
  public Readiness read(JsonNode obj, ReadContext ctx) {
    JsonNode status = Fields.at(obj, "status");
    if (status.isMissingNode() || status.isNull() || status.isEmpty()) {
      // A kind that never writes status is ready once it exists; one whose definition declares
      // a status subresource has a controller that has not reported yet, or none installed.
      if (!writesStatus(obj, ctx.related().definition())) {
        return Readiness.current("Exists", "exists and reports no status");
      }
      return awaitingStatus(obj, ctx)
          ? Readiness.inProgress(AWAITING_STATUS, "waiting for the controller to write status")
          : Readiness.current("NoStatusReported", "no controller wrote status within "
              + ctx.options().statusGrace().toSeconds() + "s of creation; ready by existence");
    }
    for (String type : SUMMARY_CONDITIONS) {
      Condition c = Condition.find(obj, type);
      if (!c.exists()) {
        continue;
      }
      if (c.isTrue()) {
        return Readiness.current(GenericRules.orDefault(c.reason(), type), type + ": " + orType(c));
      }
      boolean failed = c.isFalse() && ("Succeeded".equals(type) || saysFailure(c.reason()));
      String message = type + "=" + c.status() + ": " + orType(c);
      return failed
          ? Readiness.failed(GenericRules.orDefault(c.reason(), type + "False"), message)
          : Readiness.inProgress(GenericRules.orDefault(c.reason(), "Not" + type), message);
    }
    return Readiness.current("NoReadinessConditions", "status has no readiness conditions");
  }

  /** Whether the object is younger than the status grace (an object without a creation time is). */
  private static boolean awaitingStatus(JsonNode obj, ReadContext ctx) {
    Instant created = Fields.time(obj, "metadata", "creationTimestamp");
    return created == null || ctx.now().isBefore(created.plus(ctx.options().statusGrace()));
  }

  static boolean saysFailure(String reason) {
    return FAILURE_WORDS.matcher(reason.toLowerCase(Locale.ROOT)).find();
  }

  private static String orType(Condition c) {
    String e = c.explanation();
    return e.isEmpty() ? "no reason given" : e;
  }

  /** Whether the CRD serves this object's version with a status subresource. */
  private static boolean writesStatus(JsonNode obj, JsonNode crd) {
    if (crd == null) {
      return false;
    }
    String apiVersion = Fields.text(obj, "apiVersion");
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    for (JsonNode v : Fields.at(crd, "spec", "versions")) {
      if (version.equals(Fields.text(v, "name"))) {
        return Fields.has(v, "subresources", "status");
      }
    }
    return false;
  }
}
