package dev.converge.engine.diff;

import java.util.List;

/** What an apply of a set would change, object by object in plan order. */
public record DiffReport(List<ObjectDiff> objects) {

  public DiffReport {
    objects = List.copyOf(objects);
  }

  /** The objects an apply would create or change, or could not dry-run. */
  public List<ObjectDiff> changed() {
    return objects.stream().filter(d -> d.change() != ObjectDiff.Change.UNCHANGED).toList();
  }

  /** Whether an apply would change nothing (the CLI's exit code 0 versus 1, as kubectl diff). */
  public boolean empty() {
    return changed().isEmpty();
  }
}
