package dev.converge.sandbox.apply;

import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.schema.ListType;
import dev.converge.sandbox.schema.TypeSchema;
import java.util.List;
import java.util.Set;

/**
 * FieldScope decides which fields of an object a write may own and how its lists merge: the
 * kind's {@link TypeSchema} plus the ObjectMeta rules every kind shares, minus what the server
 * owns, limited to the part of the object the (sub)resource writes.
 */
final class FieldScope {
  /** Never owned by a manager: the API server's strip set (stripmeta) plus server stamps. */
  private static final Set<String> SERVER_METADATA = Set.of("name", "namespace", "uid",
      "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
      "deletionTimestamp", "deletionGracePeriodSeconds", "clusterName");
  /** Never taken from an applied configuration: the server sets these itself. */
  private static final Set<String> UNMERGED_METADATA = Set.of("uid", "resourceVersion",
      "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp",
      "deletionGracePeriodSeconds");
  private static final List<String> FINALIZERS = List.of("metadata", "finalizers");
  private static final List<String> OWNER_REFERENCES = List.of("metadata", "ownerReferences");
  private static final ListType OWNER_REFERENCE_KEYS = ListType.map("uid");

  private enum Part { WHOLE, ALL_BUT_STATUS, STATUS }

  private final TypeSchema schema;
  private final Part part;

  private FieldScope(TypeSchema schema, Part part) {
    this.schema = schema;
    this.part = part;
  }

  static FieldScope of(TypeSchema schema, ResourceType type, String subresource) {
    Part part = "status".equals(subresource) ? Part.STATUS
        : type.hasStatusSplit() ? Part.ALL_BUT_STATUS : Part.WHOLE;
    return new FieldScope(schema == null ? TypeSchema.NONE : schema, part);
  }

  /** Whether {@code field} under {@code parent} (field names from the root) can be owned. */
  boolean tracks(List<String> parent, String field) {
    if (parent.isEmpty()) {
      return inPart(field) && !field.equals("apiVersion") && !field.equals("kind");
    }
    return parent.size() != 1 || !parent.get(0).equals("metadata")
        || !SERVER_METADATA.contains(field);
  }

  /** Whether an applied value of {@code field} under {@code parent} is merged into the object. */
  boolean merges(List<String> parent, String field) {
    if (parent.isEmpty()) {
      return inPart(field);
    }
    return parent.size() != 1 || !parent.get(0).equals("metadata")
        || !UNMERGED_METADATA.contains(field);
  }

  /** Whether the path {@code [field]} at the root is itself recorded (metadata never is). */
  boolean recordsItself(List<String> path) {
    return !(path.size() == 1 && path.get(0).equals("metadata"));
  }

  private boolean inPart(String field) {
    return switch (part) {
      case WHOLE -> true;
      case ALL_BUT_STATUS -> !field.equals("status");
      case STATUS -> field.equals("status");
    };
  }

  ListType listType(List<String> path) {
    if (path.size() == 2) {
      if (path.equals(FINALIZERS)) {
        return ListType.SET;
      }
      if (path.equals(OWNER_REFERENCES)) {
        return OWNER_REFERENCE_KEYS;
      }
    }
    ListType t = schema.listType(path);
    return t == null ? ListType.ATOMIC : t;
  }

  boolean atomicMap(List<String> path) {
    return schema.atomicMap(path);
  }
}
