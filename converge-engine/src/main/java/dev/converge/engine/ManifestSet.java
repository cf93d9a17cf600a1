package dev.converge.engine;

import dev.converge.engine.manifest.ManifestObject;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.Planner;
import java.util.List;
import java.util.Objects;

/**
 * A validated manifest set, ready to apply: its objects (namespaces defaulted) and the namespace
 * they were defaulted to, which is also where the set's ApplySet parent lives.
 */
public record ManifestSet(List<ManifestObject> objects, String defaultNamespace) {

  public ManifestSet {
    objects = List.copyOf(objects);
    Objects.requireNonNull(defaultNamespace, "defaultNamespace == null");
  }

  public Plan plan() {
    return Planner.plan(objects);
  }

  public boolean isEmpty() {
    return objects.isEmpty();
  }
}
