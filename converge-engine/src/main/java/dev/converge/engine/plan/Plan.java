package dev.converge.engine.plan;

import dev.converge.engine.manifest.ManifestObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The order in which a manifest set is applied: stages, each a set of objects whose dependencies
 * all lie in earlier stages, so that the objects of one stage may be applied concurrently. Pruning
 * and destroying walk {@link #reversed()}.
 */
public record Plan(List<Stage> stages) {

  /** Objects that may be applied together, in the order they appeared in the manifests. */
  public record Stage(int index, List<ManifestObject> objects) {
    public Stage {
      objects = List.copyOf(objects);
    }
  }

  public Plan {
    stages = List.copyOf(stages);
  }

  /** The stages in reverse, for prune and destroy: dependants go before what they depend on. */
  public List<Stage> reversed() {
    List<Stage> reversed = new ArrayList<>(stages);
    Collections.reverse(reversed);
    return reversed;
  }

  /** Every object, stage by stage. */
  public List<ManifestObject> objects() {
    return stages.stream().flatMap(s -> s.objects().stream()).toList();
  }

  /** One line per stage: {@code 0: /Namespace/prod, apiextensions.k8s.io/CustomResourceDefinition/...}. */
  @Override
  public String toString() {
    return stages.stream()
        .map(s -> s.index() + ": " + s.objects().stream().map(o -> o.key().toString())
            .collect(Collectors.joining(", ")))
        .collect(Collectors.joining("\n"));
  }
}
