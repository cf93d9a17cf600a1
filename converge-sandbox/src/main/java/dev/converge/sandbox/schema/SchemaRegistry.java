package dev.converge.sandbox.schema;

/** SchemaRegistry finds the merge structure of a kind: built-in tables or a CRD's OpenAPI schema. */
public interface SchemaRegistry {
  TypeSchema forKind(String group, String kind);
}
