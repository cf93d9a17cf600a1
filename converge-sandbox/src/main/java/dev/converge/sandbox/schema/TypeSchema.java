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

  /** A schema that knows nothing: every list is atomic, every map granular. */
  TypeSchema NONE = new TypeSchema() {
    @Override
    public ListType listType(List<String> path) {
      return ListType.ATOMIC;
    }

    @Override
    public boolean atomicMap(List<String> path) {
      return false;
    }
  };
}
