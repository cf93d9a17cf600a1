package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Readiness;

/** NamespaceReader: Active (or not yet reported) is CURRENT, Terminating is TERMINATING. */
final class NamespaceReader implements KindReader {

  @Override
  public Readiness read(JsonNode obj, ReadContext ctx) {
    if ("Terminating".equals(Fields.text(obj, "status", "phase"))) {
      return Readiness.terminating("namespace terminating");
    }
    return Readiness.current("NamespaceActive", "namespace active");
  }
}
