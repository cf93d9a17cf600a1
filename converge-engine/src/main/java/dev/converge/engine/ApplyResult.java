package dev.converge.engine;

import dev.converge.engine.manifest.ObjectKey;
import java.util.List;
import java.util.Map;

/**
 * What an apply did: the objects applied, in order, and the failures by object. A stage with a
 * failure is the last one attempted: later stages depend on it, so nothing of them was written.
 */
public record ApplyResult(List<ObjectKey> applied, Map<ObjectKey, RuntimeException> failed) {

  public ApplyResult {
    applied = List.copyOf(applied);
    failed = Map.copyOf(failed);
  }

  public boolean succeeded() {
    return failed.isEmpty();
  }
}
