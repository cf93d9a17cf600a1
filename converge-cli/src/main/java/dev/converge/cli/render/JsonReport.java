package dev.converge.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * JsonReport renders a {@link Summary} as the one JSON document {@code -o json} prints on stdout:
 * {@code {"result", "objects": [{"apiVersion","kind","namespace","name","action","status",
 * "reason","durationMs"}], "pruned": [...], "durationMs"}}, keys always present and in this order.
 */
public final class JsonReport {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static String render(Summary summary) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("result", summary.result().json());
    lines(root.putArray("objects"), summary.objects());
    lines(root.putArray("pruned"), summary.pruned());
    root.put("durationMs", summary.durationMs());
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("could not render the JSON report", e);
    }
  }

  private static void lines(ArrayNode array, List<ObjectLine> lines) {
    for (ObjectLine line : lines) {
      ObjectNode o = array.addObject();
      o.put("apiVersion", line.apiVersion());
      o.put("kind", line.kind());
      o.put("namespace", line.namespace());
      o.put("name", line.name());
      o.put("action", line.action());
      o.put("status", line.status());
      o.put("reason", line.reason());
      o.put("durationMs", line.durationMs());
    }
  }
}
