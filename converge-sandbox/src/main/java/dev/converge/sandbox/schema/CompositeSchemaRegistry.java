package dev.converge.sandbox.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CompositeSchemaRegistry serves the schemas of custom resources registered at run time (by the
 * CRD controller), falling back to the built-in kinds and then to {@link TypeSchema#NONE}.
 *
 * <pre>{@code
 * sandbox.schemas().registerOpenApi("example.com", "Widget", crdVersion.at("/schema/openAPIV3Schema"));
 * sandbox.schemas().unregister("example.com", "Widget");
 * }</pre>
 */
public final class CompositeSchemaRegistry implements SchemaRegistry {
  private final SchemaRegistry fallback;
  private final Map<String, TypeSchema> registered = new ConcurrentHashMap<>();

  public CompositeSchemaRegistry(SchemaRegistry fallback) {
    this.fallback = fallback;
  }

  /** A registry over {@link BuiltinSchemas}. */
  public static CompositeSchemaRegistry withBuiltins() {
    return new CompositeSchemaRegistry(new BuiltinSchemas());
  }

  public void register(String group, String kind, TypeSchema schema) {
    registered.put(key(group, kind), schema);
  }

  /** Registers the schema a CRD version declares in {@code schema.openAPIV3Schema}. */
  public void registerOpenApi(String group, String kind, JsonNode openApiV3Schema) {
    register(group, kind, OpenApiSchemas.fromOpenApi(openApiV3Schema));
  }

  public void unregister(String group, String kind) {
    registered.remove(key(group, kind));
  }

  @Override
  public TypeSchema forKind(String group, String kind) {
    TypeSchema custom = registered.get(key(group, kind));
    if (custom != null) {
      return custom;
    }
    TypeSchema builtin = fallback.forKind(group, kind);
    return builtin == null ? TypeSchema.NONE : builtin;
  }

  private static String key(String group, String kind) {
    return (group == null ? "" : group) + "/" + kind;
  }
}
