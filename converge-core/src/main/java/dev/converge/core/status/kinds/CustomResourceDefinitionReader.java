package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Readiness;

/**
 * CustomResourceDefinitionReader: CURRENT when Established and NamesAccepted; a name conflict
 * (NamesAccepted False) never resolves by waiting, so it is FAILED.
 */
final class CustomResourceDefinitionReader implements KindReader {

  @Override
  public Readiness read(JsonNode obj, ReadContext ctx) {
    Condition names = Condition.find(obj, "NamesAccepted");
    if (names.isFalse()) {
      return Readiness.failed(
          GenericRules.orDefault(names.reason(), "NamesNotAccepted"),
          "names not accepted: " + names.message());
    }
    Condition established = Condition.find(obj, "Established");
    if (established.isTrue() && names.isTrue()) {
      return Readiness.current("Established", "definition established");
    }
    return Readiness.inProgress(
        "NotEstablished",
        names.isTrue() ? "waiting to be established" : "waiting for names to be accepted");
  }
}
