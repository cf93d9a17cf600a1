package dev.converge.engine;

import dev.converge.core.errors.FieldManagerConflictException;
import dev.converge.engine.manifest.ObjectKey;
import dev.converge.engine.progress.ApplyAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an apply did: the objects applied, in order, with what the apply did to each; the write
 * failures by object; and the applied objects that did not become CURRENT. A stage with a write
 * failure is the last one attempted: later stages depend on it, so nothing of them was written.
 */
public record ApplyResult(
    List<ObjectKey> applied,
    Map<ObjectKey, ApplyAction> actions,
    Map<ObjectKey, RuntimeException> failed,
    List<NotCurrent> notCurrent) {

  public ApplyResult {
    applied = List.copyOf(applied);
    actions = Map.copyOf(actions);
    failed = Map.copyOf(failed);
    notCurrent = List.copyOf(notCurrent);
  }

  public boolean succeeded() {
    return failed.isEmpty() && notCurrent.isEmpty();
  }

  /** Objects whose apply conflicted with other field managers, with the fields and managers. */
  public Map<ObjectKey, FieldManagerConflictException> conflicts() {
    Map<ObjectKey, FieldManagerConflictException> out = new LinkedHashMap<>();
    failed.forEach((key, e) -> {
      if (e instanceof FieldManagerConflictException c) {
        out.put(key, c);
      }
    });
    return out;
  }

  /** Objects the apply created or changed, in apply order. */
  public List<ObjectKey> changed() {
    return applied.stream().filter(k -> actions.get(k) != ApplyAction.UNCHANGED).toList();
  }
}
