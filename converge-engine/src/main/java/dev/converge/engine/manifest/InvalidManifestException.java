package dev.converge.engine.manifest;

import java.util.List;

/**
 * Thrown when a manifest set fails validation, before anything was written. Carries every problem;
 * the message lists them one per line.
 */
public final class InvalidManifestException extends RuntimeException {
  private final transient List<Problem> problems;

  public InvalidManifestException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String message(List<Problem> problems) {
    StringBuilder sb = new StringBuilder("manifests are invalid (")
        .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
        .append("); nothing was applied:");
    for (Problem problem : problems) {
      sb.append("\n  - ").append(problem);
    }
    return sb.toString();
  }
}
