package dev.converge.sandbox.schema;

import java.util.List;

/**
 * ListType says how a list field merges, in both server-side apply ({@code x-kubernetes-list-type},
 * {@code x-kubernetes-list-map-keys}) and strategic merge patch ({@code patchStrategy},
 * {@code patchMergeKey}).
 *
 * @param kind ATOMIC (replaced whole), SET (of scalars, merged by value) or MAP (of objects,
 *     merged by {@code keys})
 * @param keys the list-map keys for server-side apply, empty unless MAP
 * @param patchMergeKey the strategic-merge key, usually the first of {@code keys}; null when a
 *     strategic merge patch replaces the list
 */
public record ListType(Kind kind, List<String> keys, String patchMergeKey) {
  public enum Kind { ATOMIC, SET, MAP }

  public static final ListType ATOMIC = new ListType(Kind.ATOMIC, List.of(), null);
  public static final ListType SET = new ListType(Kind.SET, List.of(), "");

  public static ListType map(String... keys) {
    return new ListType(Kind.MAP, List.of(keys), keys[0]);
  }
}
