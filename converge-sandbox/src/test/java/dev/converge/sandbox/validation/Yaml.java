package dev.converge.sandbox.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceRegistry;
import dev.converge.sandbox.api.ResourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test fixtures: objects from inline YAML and their resource types. */
final class Yaml {
  private static final ResourceRegistry REGISTRY = ResourceRegistry.withBuiltins();

  private Yaml() {}

  static ObjectNode object(String yaml) {
    try {
      return (ObjectNode) Json.parse(yaml.getBytes(StandardCharsets.UTF_8), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ResourceType typeOf(ObjectNode obj) {
    return REGISTRY.byKind(obj.path("apiVersion").asText(), obj.path("kind").asText())
        .orElseThrow();
  }
}
