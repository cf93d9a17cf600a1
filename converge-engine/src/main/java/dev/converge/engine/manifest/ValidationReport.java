package dev.converge.engine.manifest;

import java.util.List;

/**
 * The outcome of validating a manifest set: the objects and every problem found. When the set is
 * valid, the objects are normalised (namespaces defaulted); otherwise they are as read. The set may
 * be applied only when there are no problems.
 */
public record ValidationReport(List<ManifestObject> objects, List<Problem> problems) {

  public ValidationReport {
    objects = List.copyOf(objects);
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return problems.isEmpty();
  }

  /**
   * The objects, when the set is valid.
   *
   * @throws InvalidManifestException listing every problem otherwise
   */
  public List<ManifestObject> orThrow() {
    if (!valid()) {
      throw new InvalidManifestException(problems);
    }
    return objects;
  }
}
