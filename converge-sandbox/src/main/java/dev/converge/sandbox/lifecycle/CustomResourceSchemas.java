package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * CustomResourceSchemas knows the openAPIV3Schema of every established CustomResourceDefinition,
 * so that merge structure (list types, map types) can be read from it. Returned schemas are
 * shared and must not be modified.
 *
 * <pre>{@code
 * schemas.addListener((group, kind) -> cache.invalidate(group, kind));
 * JsonNode schema = schemas.schemaFor("stable.example.com", "CronTab").orElseThrow();
 * }</pre>
 */
public interface CustomResourceSchemas {
  /** The schema of the storage version of a custom kind, empty when no CRD serves it. */
  Optional<JsonNode> schemaFor(String group, String kind);

  /** The schema of one served version of a custom kind. */
  Optional<JsonNode> schemaFor(String group, String version, String kind);

  /** Calls {@code listener} after a kind's schema was added, changed or removed. */
  void addListener(Listener listener);

  /** Listener is told which kind's schema changed; it is called on the lifecycle thread. */
  @FunctionalInterface
  interface Listener {
    void changed(String group, String kind);
  }

  /** Knows no custom kind. */
  CustomResourceSchemas NONE = new CustomResourceSchemas() {
    @Override
    public Optional<JsonNode> schemaFor(String group, String kind) {
      return Optional.empty();
    }

    @Override
    public Optional<JsonNode> schemaFor(String group, String version, String kind) {
      return Optional.empty();
    }

    @Override
    public void addListener(Listener listener) {}
  };
}
