package dev.converge.sandbox.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.sandbox.api.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * FieldPath names one field of an object as a list of fieldsV1 path elements: {@code f:name} (a
 * field), {@code k:{"name":"c"}} (a list-map item), {@code v:"x"} (a set value), {@code i:0} (an
 * index). {@link #toString()} renders it as the API server does in conflict messages, e.g.
 * {@code .spec.template.spec.containers[name="c"].image}.
 */
public record FieldPath(List<String> elements) {

  public FieldPath {
    elements = List.copyOf(elements);
  }

  public static FieldPath of(String... elements) {
    return new FieldPath(List.of(elements));
  }

  /** A path of plain field names: {@code fields("spec", "replicas")} is {@code .spec.replicas}. */
  public static FieldPath fields(String... names) {
    String[] out = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = PathElements.field(names[i]);
    }
    return of(out);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (String e : elements) {
      render(e, sb);
    }
    return sb.toString();
  }

  /** Renders one element the way structured-merge-diff prints paths. */
  private static void render(String element, StringBuilder sb) {
    String body = element.substring(2);
    switch (element.charAt(0)) {
      case 'f' -> sb.append('.').append(body);
      case 'i' -> sb.append('[').append(body).append(']');
      case 'v' -> sb.append("[=").append(body).append(']');
      case 'k' -> {
        sb.append('[');
        JsonNode key = parse(body);
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = key.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> f = it.next();
          sb.append(first ? "" : ",").append(f.getKey()).append('=').append(f.getValue());
          first = false;
        }
        sb.append(']');
      }
      default -> sb.append(element);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed list-map key in field path: " + json, e);
    }
  }
}
