package dev.converge.engine.plan;

import dev.converge.engine.manifest.CycleFinder;
import dev.converge.engine.manifest.Dependencies;
import dev.converge.engine.manifest.ManifestObject;
import dev.converge.engine.manifest.ObjectKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plans the apply order of a validated manifest set as topological layers of a DAG. Hard edges:
 * an object follows its Namespace and the CRD defining its kind when the set holds them, and what
 * its {@code config.kubernetes.io/depends-on} annotation names. The {@link Rank} table orders the
 * rest: each stage takes, among the objects whose hard dependencies are all planned, those of the
 * lowest rank. A depends-on edge thus overrides the rank (a ConfigMap that depends on a Deployment
 * follows it), and the rank never reorders a hard edge.
 */
public final class Planner {
  private Planner() {}

  /**
   * The plan for {@code objects}, which must have passed validation (keys present and unique).
   *
   * @throws IllegalArgumentException naming the cycle path, when dependencies form a cycle
   */
  public static Plan plan(List<ManifestObject> objects) {
    Map<ObjectKey, Set<ObjectKey>> needs = Dependencies.of(objects);
    CycleFinder.find(needs).ifPresent(cycle -> {
      throw new IllegalArgumentException("dependency cycle: "
          + cycle.stream().map(ObjectKey::toString).collect(Collectors.joining(" -> ")));
    });
    Map<ObjectKey, ManifestObject> byKey = new LinkedHashMap<>();
    Map<ObjectKey, Integer> position = new HashMap<>();
    for (ManifestObject object : objects) {
      byKey.put(object.key(), object);
      position.put(object.key(), position.size());
    }
    Map<ObjectKey, Integer> unmet = new HashMap<>();
    Map<ObjectKey, List<ObjectKey>> dependants = new HashMap<>();
    needs.forEach((key, deps) -> {
      unmet.put(key, deps.size());
      deps.forEach(d -> dependants.computeIfAbsent(d, k -> new ArrayList<>()).add(key));
    });

    List<Plan.Stage> stages = new ArrayList<>();
    List<ManifestObject> ready = new ArrayList<>();
    byKey.forEach((key, object) -> {
      if (unmet.get(key) == 0) {
        ready.add(object);
      }
    });
    while (!ready.isEmpty()) {
      Rank lowest = ready.stream().map(Planner::rank).min(Rank::compareTo).orElseThrow();
      List<ManifestObject> stage = new ArrayList<>();
      List<ManifestObject> later = new ArrayList<>();
      for (ManifestObject object : ready) {
        (rank(object) == lowest ? stage : later).add(object);
      }
      stage.sort(Comparator.comparing(o -> position.get(o.key())));
      ready.clear();
      ready.addAll(later);
      stages.add(new Plan.Stage(stages.size(), stage));
      for (ManifestObject done : stage) {
        for (ObjectKey dependant : dependants.getOrDefault(done.key(), List.of())) {
          if (unmet.merge(dependant, -1, Integer::sum) == 0) {
            ready.add(byKey.get(dependant));
          }
        }
      }
    }
    return new Plan(stages);
  }

  private static Rank rank(ManifestObject object) {
    return Rank.of(object.group(), object.kind());
  }
}
