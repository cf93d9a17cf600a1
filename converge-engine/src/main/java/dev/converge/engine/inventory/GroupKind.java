package dev.converge.engine.inventory;

import java.util.Objects;

/**
 * A kind and its API group (empty for the core group), rendered as in the ApplySet annotation
 * {@code applyset.kubernetes.io/contains-group-kinds}: {@code Deployment.apps}, or {@code ConfigMap}
 * for the core group (Kubernetes' {@code GroupKind.String()}).
 */
public record GroupKind(String group, String kind) implements Comparable<GroupKind> {

  public GroupKind {
    Objects.requireNonNull(group, "group == null");
    Objects.requireNonNull(kind, "kind == null");
    if (kind.isEmpty()) {
      throw new IllegalArgumentException("kind is empty");
    }
  }

  /** Parses {@code Kind.group} or {@code Kind}: the kind ends at the first dot, groups have dots. */
  public static GroupKind parse(String text) {
    int dot = text.indexOf('.');
    return dot < 0 ? new GroupKind("", text) : new GroupKind(text.substring(dot + 1), text.substring(0, dot));
  }

  @Override
  public int compareTo(GroupKind other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    return group.isEmpty() ? kind : kind + "." + group;
  }
}
