package dev.converge.sandbox.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.sandbox.api.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OpenApiSchemasTest {
  private static final String WIDGET_SCHEMA = """
      type: object
      properties:
        spec:
          type: object
          properties:
            hosts: {type: array, x-kubernetes-list-type: set, items: {type: string}}
            args: {type: array, items: {type: string}}
            routes:
              type: array
              x-kubernetes-list-type: map
              x-kubernetes-list-map-keys: [host, port]
              items:
                type: object
                properties:
                  host: {type: string}
                  port: {type: integer}
                  filters: {type: array, x-kubernetes-list-type: atomic, items: {type: object}}
                  backends:
                    type: array
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [name]
                    items: {type: object}
            selector:
              type: object
              x-kubernetes-map-type: atomic
              additionalProperties: {type: string}
            pools:
              type: object
              additionalProperties:
                type: object
                properties:
                  members: {type: array, x-kubernetes-list-type: set, items: {type: string}}
      """;

  @Test
  void givenCrdSchema_whenBuilt_thenListAndMapTypesFollowExtensions() throws Exception {
    // given
    JsonNode openApi = Json.YAML.readTree(WIDGET_SCHEMA);
    // when
    TypeSchema schema = OpenApiSchemas.fromOpenApi(openApi);
    // then
    assertThat(schema.listType(path("spec.hosts"))).isEqualTo(ListType.SET);
    assertThat(schema.listType(path("spec.args"))).isEqualTo(ListType.ATOMIC);
    assertThat(schema.listType(path("spec.routes"))).isEqualTo(ListType.map("host", "port"));
    assertThat(schema.listType(path("spec.routes.filters"))).isEqualTo(ListType.ATOMIC);
    assertThat(schema.listType(path("spec.routes.backends"))).isEqualTo(ListType.map("name"));
    assertThat(schema.atomicMap(path("spec.selector"))).isTrue();
    assertThat(schema.atomicMap(path("spec"))).isFalse();
    assertThat(schema.listType(path("spec.pools.blue.members"))).isEqualTo(ListType.SET);
    assertThat(schema.listType(path("spec.unknown"))).isEqualTo(ListType.ATOMIC);
  }

  @Test
  void givenCrdSchema_whenBuilt_thenObjectMetaKnownAndStrategicMergeRefused() throws Exception {
    TypeSchema schema = OpenApiSchemas.fromOpenApi(Json.YAML.readTree(WIDGET_SCHEMA));
    assertThat(schema.listType(path("metadata.finalizers"))).isEqualTo(ListType.SET);
    assertThat(schema.listType(path("metadata.ownerReferences"))).isEqualTo(ListType.map("uid"));
    assertThat(schema.supportsStrategicMerge()).isFalse();
  }

  @Test
  void givenRegistry_whenCrdRegisteredAndRemoved_thenLookupFollows() throws Exception {
    // given
    CompositeSchemaRegistry registry = CompositeSchemaRegistry.withBuiltins();
    assertThat(registry.forKind("example.com", "Widget")).isSameAs(TypeSchema.NONE);
    // when
    registry.registerOpenApi("example.com", "Widget", Json.YAML.readTree(WIDGET_SCHEMA));
    // then
    assertThat(registry.forKind("example.com", "Widget").listType(path("spec.hosts")))
        .isEqualTo(ListType.SET);
    assertThat(registry.forKind("apps", "Deployment").listType(path("spec.template.spec.volumes")))
        .as("built-ins still served").isEqualTo(ListType.map("name"));
    registry.unregister("example.com", "Widget");
    assertThat(registry.forKind("example.com", "Widget")).isSameAs(TypeSchema.NONE);
  }

  private static List<String> path(String dotted) {
    return List.of(dotted.split("\\."));
  }
}
