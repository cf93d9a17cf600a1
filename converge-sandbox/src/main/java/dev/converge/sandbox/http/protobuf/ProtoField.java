package dev.converge.sandbox.http.protobuf;

/**
 * ProtoField maps one protobuf field number of a Kubernetes message to its JSON form.
 *
 * @param json JSON field name
 * @param type how the value is encoded
 * @param message message name for {@link Type#MESSAGE} fields
 * @param repeated whether the field is a list
 * @param keepZero whether a zero value is kept (Go pointer fields such as {@code replicas});
 *     other zero values are dropped as Go's {@code omitempty} does
 */
record ProtoField(String json, Type type, String message, boolean repeated, boolean keepZero) {
  enum Type { STRING, BYTES, INT, BOOL, MESSAGE, STRING_MAP, BYTES_MAP, INT_OR_STRING }
}
