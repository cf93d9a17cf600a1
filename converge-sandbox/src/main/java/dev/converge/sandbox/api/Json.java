package dev.converge.sandbox.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;

/** Json holds the sandbox's shared mappers and small helpers over Jackson trees. */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  public static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Parses a request body that may be JSON or YAML (kubectl sends YAML for apply patches). */
  public static JsonNode parse(byte[] body, boolean yaml) throws IOException {
    return yaml ? YAML.readTree(body) : MAPPER.readTree(body);
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  public static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** Returns the object at {@code field}, creating it when absent. */
  public static ObjectNode child(ObjectNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(field);
  }

  /** Text at a dotted path, or null. */
  public static String textAt(JsonNode node, String... path) {
    JsonNode cur = node;
    for (String p : path) {
      if (cur == null) {
        return null;
      }
      cur = cur.get(p);
    }
    return cur == null || cur.isNull() ? null : cur.asText();
  }

  public static ObjectNode metadata(ObjectNode obj) {
    return child(obj, "metadata");
  }
}
