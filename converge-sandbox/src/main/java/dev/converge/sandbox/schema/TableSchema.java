package dev.converge.sandbox.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TableSchema is a {@link TypeSchema} backed by a table of paths. A path segment {@code *}
 * matches any one field name, for the values of maps such as a CRD's {@code additionalProperties}.
 */
public final class TableSchema implements TypeSchema {
  /** The wildcard segment that matches any map key. */
  public static final String ANY_KEY = "*";

  private final Map<List<String>, ListType> lists;
  private final Set<List<String>> atomicMaps;
  private final boolean strategicMerge;
  private final boolean hasWildcards;

  private TableSchema(Builder b) {
    this.lists = Map.copyOf(b.lists);
    this.atomicMaps = Set.copyOf(b.atomicMaps);
    this.strategicMerge = b.strategicMerge;
    this.hasWildcards = b.lists.keySet().stream().anyMatch(p -> p.contains(ANY_KEY))
        || b.atomicMaps.stream().anyMatch(p -> p.contains(ANY_KEY));
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ListType listType(List<String> path) {
    ListType exact = lists.get(path);
    if (exact != null || !hasWildcards) {
      return exact == null ? ListType.ATOMIC : exact;
    }
    for (Map.Entry<List<String>, ListType> e : lists.entrySet()) {
      if (matches(e.getKey(), path)) {
        return e.getValue();
      }
    }
    return ListType.ATOMIC;
  }

  @Override
  public boolean atomicMap(List<String> path) {
    if (atomicMaps.contains(path)) {
      return true;
    }
    return hasWildcards && atomicMaps.stream().anyMatch(p -> matches(p, path));
  }

  @Override
  public boolean supportsStrategicMerge() {
    return strategicMerge;
  }

  private static boolean matches(List<String> pattern, List<String> path) {
    if (pattern.size() != path.size()) {
      return false;
    }
    for (int i = 0; i < pattern.size(); i++) {
      if (!pattern.get(i).equals(ANY_KEY) && !pattern.get(i).equals(path.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Collects list types and atomic maps by dotted path ({@code spec.template.spec}). */
  public static final class Builder {
    private final Map<List<String>, ListType> lists = new HashMap<>();
    private final Set<List<String>> atomicMaps = new HashSet<>();
    private boolean strategicMerge = true;

    private Builder() {}

    public Builder list(List<String> path, ListType type) {
      lists.put(List.copyOf(path), type);
      return this;
    }

    public Builder list(String dottedPath, ListType type) {
      return list(split(dottedPath), type);
    }

    public Builder atomicMap(List<String> path) {
      atomicMaps.add(List.copyOf(path));
      return this;
    }

    public Builder atomicMap(String dottedPath) {
      return atomicMap(split(dottedPath));
    }

    /** Custom resources have no strategic-merge metadata: the API server refuses it (415). */
    public Builder strategicMerge(boolean supported) {
      this.strategicMerge = supported;
      return this;
    }

    public TableSchema build() {
      return new TableSchema(this);
    }

    static List<String> split(String dottedPath) {
      return dottedPath.isEmpty() ? List.of()
          : new ArrayList<>(Arrays.asList(dottedPath.split("\\.")));
    }
  }
}
