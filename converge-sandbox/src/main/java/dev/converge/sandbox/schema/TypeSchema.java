package dev.converge.sandbox.schema;

import java.util.List;

/**
 * TypeSchema knows the merge structure of one kind: which lists are atomic, sets or maps and which
 * maps are atomic. Paths are the field names from the object root, without list indexes: the
 * ports of any container of a Deployment are {@code [spec, template, spec, containers, ports]}.
 */
public interface TypeSchema {
  /** How the list at {@code path} merges; {@link ListType#ATOMIC} when nothing is known. */
  ListType listType(List<String> path);

  /** Whether the object at {@code path} is replaced whole by apply (e.g. a LabelSelector). */
  boolean atomicMap(List<String> path);

  /**
   * Whether strategic merge patch is served for this kind. Only built-in kinds have the Go struct
   * tags it needs; the API server answers 415 for custom resources.
   */
  default boolean supportsStrategicMerge() {
    return true;
  }

  /**
   * A schema that knows nothing: every list is atomic, every map granular. It stands for a kind
   * without a known schema (a custom resource), so strategic merge is refused.
   */
  TypeSchema NONE = new TypeSchema() {
    @Override
    public ListType listType(List<String> path) {
      return ListType.ATOMIC;
    }

    @Override
    public boolean atomicMap(List<String> path) {
      return false;
    }

    @Override
    public boolean supportsStrategicMerge() {
      return false;
    }
  };
}
