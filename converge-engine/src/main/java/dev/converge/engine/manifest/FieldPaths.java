package dev.converge.engine.manifest;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Renders where Jackson failed to map a document, e.g. {@code metadata.labels} or {@code metadata.annotations[a]}. */
final class FieldPaths {

  private FieldPaths() {}

  /** The field path of the mapping failure in {@code e}'s causes, or null when it has none. */
  static @Nullable String of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JsonMappingException m && !m.getPath().isEmpty()) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
          if (ref.getFieldName() == null) {
            path.append('[').append(ref.getIndex()).append(']');
          } else if (isMap(ref.getFrom())) {
            path.append('[').append(ref.getFieldName()).append(']');
          } else {
            path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
          }
        }
        return path.toString();
      }
    }
    return null;
  }

  private static boolean isMap(@Nullable Object from) {
    return from instanceof Map || from instanceof Class<?> c && Map.class.isAssignableFrom(c);
  }
}
