package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Readiness;

/**
 * KindReader knows how one kind reports readiness. It is called only after the generic rules
 * (deletion, observed generation, Stalled, Reconciling) found nothing to say.
 */
public interface KindReader {

  /** Judges an existing object; must not perform I/O or read a clock. */
  Readiness read(JsonNode obj, ReadContext ctx);
}
