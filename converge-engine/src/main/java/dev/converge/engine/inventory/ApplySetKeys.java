package dev.converge.engine.inventory;

/**
 * The label and annotation keys of KEP-3659 (ApplySet), as {@code kubectl apply --applyset} reads
 * and writes them.
 */
public final class ApplySetKeys {

  /** On the parent: the set's id, {@code applyset-<base64url(sha256(name.namespace.kind.group))>-v1}. */
  public static final String ID_LABEL = "applyset.kubernetes.io/id";
  /** On every member: the id of the set it belongs to. Objects without it are never pruned. */
  public static final String PART_OF_LABEL = "applyset.kubernetes.io/part-of";
  /** On the parent: {@code name/version} of the tool managing the set. */
  public static final String TOOLING_ANNOTATION = "applyset.kubernetes.io/tooling";
  /** On the parent: sorted, comma-separated {@code Kind.group} of every kind the set may contain. */
  public static final String CONTAINS_GROUP_KINDS_ANNOTATION = "applyset.kubernetes.io/contains-group-kinds";
  /** On the parent: sorted, comma-separated namespaces holding members besides the parent's own. */
  public static final String ADDITIONAL_NAMESPACES_ANNOTATION = "applyset.kubernetes.io/additional-namespaces";

  private ApplySetKeys() {}
}
