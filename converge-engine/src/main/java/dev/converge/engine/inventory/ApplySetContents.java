package dev.converge.engine.inventory;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a parent's annotations say a set may contain: its group-kinds and the namespaces besides the
 * parent's own. Listing members asks for exactly these, so they must be a superset of the live
 * members: widen before an apply writes, narrow only after a prune removed the rest.
 */
public record ApplySetContents(SortedSet<GroupKind> groupKinds, SortedSet<String> additionalNamespaces) {

  public static final ApplySetContents EMPTY = new ApplySetContents(new TreeSet<>(), new TreeSet<>());

  public ApplySetContents {
    groupKinds = new TreeSet<>(Objects.requireNonNull(groupKinds, "groupKinds == null"));
    additionalNamespaces = new TreeSet<>(Objects.requireNonNull(additionalNamespaces, "additionalNamespaces == null"));
  }

  /** Reads the annotations of a parent; missing or blank annotations count as empty. */
  public static ApplySetContents parse(Map<String, String> annotations) {
    return new ApplySetContents(
        split(annotations.get(ApplySetKeys.CONTAINS_GROUP_KINDS_ANNOTATION)).stream()
            .map(GroupKind::parse).collect(Collectors.toCollection(TreeSet::new)),
        split(annotations.get(ApplySetKeys.ADDITIONAL_NAMESPACES_ANNOTATION)));
  }

  /** Both sets together: what a parent must list while an apply or prune is under way. */
  public ApplySetContents union(ApplySetContents other) {
    SortedSet<GroupKind> kinds = new TreeSet<>(groupKinds);
    kinds.addAll(other.groupKinds);
    SortedSet<String> namespaces = new TreeSet<>(additionalNamespaces);
    namespaces.addAll(other.additionalNamespaces);
    return new ApplySetContents(kinds, namespaces);
  }

  /**
   * The parent's annotations, sorted and comma-separated as kubectl writes them; the
   * additional-namespaces annotation only when there are any.
   */
  public Map<String, String> annotations(String tooling) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(ApplySetKeys.TOOLING_ANNOTATION, tooling);
    annotations.put(ApplySetKeys.CONTAINS_GROUP_KINDS_ANNOTATION,
        groupKinds.stream().map(GroupKind::toString).collect(Collectors.joining(",")));
    if (!additionalNamespaces.isEmpty()) {
      annotations.put(ApplySetKeys.ADDITIONAL_NAMESPACES_ANNOTATION, String.join(",", additionalNamespaces));
    }
    return annotations;
  }

  private static SortedSet<String> split(String value) {
    SortedSet<String> parts = new TreeSet<>();
    if (value != null) {
      Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(parts::add);
    }
    return parts;
  }
}
