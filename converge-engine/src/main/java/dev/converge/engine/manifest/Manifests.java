package dev.converge.engine.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * What was read from a set of manifests: the objects that parsed, and the documents that did not.
 * Parse problems are kept, not thrown, so that validation reports every problem at once.
 */
public record Manifests(List<ManifestObject> objects, List<Problem> problems) {

  public Manifests {
    objects = List.copyOf(objects);
    problems = List.copyOf(problems);
  }

  /** This set followed by {@code other}, in that order. */
  public Manifests plus(Manifests other) {
    List<ManifestObject> allObjects = new ArrayList<>(objects);
    allObjects.addAll(other.objects);
    List<Problem> allProblems = new ArrayList<>(problems);
    allProblems.addAll(other.problems);
    return new Manifests(allObjects, allProblems);
  }
}
