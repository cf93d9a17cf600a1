package dev.converge.sandbox.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Inline YAML fixtures for patch tests. */
final class Yaml {
  private Yaml() {}

  static JsonNode node(String yaml) {
    try {
      return Json.YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("bad fixture: " + yaml, e);
    }
  }

  static ObjectNode object(String yaml) {
    return (ObjectNode) node(yaml);
  }
}
