package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Readiness;
import dev.converge.core.status.Status;
import java.util.function.Function;

/**
 * PodOwnerReadiness is the reading shared by controllers that own their pods directly
 * (ReplicaSet, DaemonSet): generation first, then the controller's counts, then the failures of
 * the pods it owns when the counts are not yet CURRENT.
 */
final class PodOwnerReadiness {
  private PodOwnerReadiness() {}

  static Readiness read(JsonNode obj, ReadContext ctx, String ownerKind,
      Function<JsonNode, Readiness> counts) {
    Readiness unobserved = GenericRules.unobserved(obj);
    if (unobserved != null) {
      return unobserved;
    }
    Readiness base = counts.apply(obj);
    if (base.status() == Status.CURRENT) {
      return base;
    }
    String name = Fields.name(obj);
    return PodFailures.applyTo(base, PodFailures.scan(
        ctx.related().pods(), p -> Owners.ownedByOrOrphan(p, ownerKind, name), ctx));
  }
}
