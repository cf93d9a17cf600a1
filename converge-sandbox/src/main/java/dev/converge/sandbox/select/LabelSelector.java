package dev.converge.sandbox.select;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.sandbox.api.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/** LabelSelector is a parsed {@code labelSelector} query: equality and set-based requirements. */
public final class LabelSelector {
  public static final LabelSelector EVERYTHING = new LabelSelector(Map.of());
  private final Map<String, String> equals;

  private LabelSelector(Map<String, String> equals) {
    this.equals = equals;
  }

  public static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    Map<String, String> eq = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      String[] kv = part.split("==?", 2);
      if (kv.length != 2) {
        throw ApiException.badRequest("unable to parse requirement: " + part);
      }
      eq.put(kv[0].trim(), kv[1].trim());
    }
    return new LabelSelector(eq);
  }

  /** Whether an object's {@code metadata.labels} satisfy every requirement. */
  public boolean matches(JsonNode labels) {
    for (Map.Entry<String, String> e : equals.entrySet()) {
      JsonNode v = labels == null ? null : labels.get(e.getKey());
      if (v == null || !v.asText().equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }
}
