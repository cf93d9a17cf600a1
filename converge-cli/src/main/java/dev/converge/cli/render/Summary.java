package dev.converge.cli.render;

import java.util.List;
import java.util.Objects;

/** The final report of a run: its result, every object, the pruned objects, and how long it took. */
public record Summary(Result result, List<ObjectLine> objects, List<ObjectLine> pruned, long durationMs) {

  public Summary {
    Objects.requireNonNull(result, "result == null");
    objects = List.copyOf(objects);
    pruned = List.copyOf(pruned);
  }

  /** The report of a run that wrote nothing because its input was invalid. */
  public static Summary invalid(long durationMs) {
    return new Summary(Result.INVALID, List.of(), List.of(), durationMs);
  }

  public long count(String action) {
    return objects.stream().filter(o -> o.action().equals(action)).count();
  }
}
