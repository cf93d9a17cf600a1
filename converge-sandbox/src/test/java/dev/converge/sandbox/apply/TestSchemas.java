package dev.converge.sandbox.apply;

import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.schema.ListType;
import dev.converge.sandbox.schema.SchemaRegistry;
import dev.converge.sandbox.schema.TypeSchema;
import java.util.List;
import java.util.Map;

/** Small hand-written merge structures for tests, standing in for the built-in tables. */
public final class TestSchemas {
  public static final ResourceType CONFIG_MAP =
      new ResourceType("", "v1", "ConfigMap", "configmaps", true, List.of("cm"), List.of(), false,
          false);
  public static final ResourceType DEPLOYMENT =
      new ResourceType("apps", "v1", "Deployment", "deployments", true, List.of("deploy"),
          List.of("all"), true, true);

  private static final List<String> POD = List.of("spec", "template", "spec");

  /** Deployment: containers by name, ports by port and protocol, atomic selector, set args. */
  public static final TypeSchema DEPLOYMENT_SCHEMA = schema(Map.of(
      path("containers"), ListType.map("name"),
      path("containers", "ports"), ListType.map("containerPort", "protocol"),
      path("containers", "env"), ListType.map("name"),
      path("volumes"), ListType.map("name"),
      List.of("spec", "tags"), ListType.SET),
      List.of(List.of("spec", "selector")));

  public static final SchemaRegistry REGISTRY = (group, kind) ->
      kind.equals("Deployment") ? DEPLOYMENT_SCHEMA : TypeSchema.NONE;

  private TestSchemas() {}

  private static List<String> path(String... rest) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>(POD);
    out.addAll(List.of(rest));
    return List.copyOf(out);
  }

  private static TypeSchema schema(Map<List<String>, ListType> lists,
      List<List<String>> atomicMaps) {
    return new TypeSchema() {
      @Override
      public ListType listType(List<String> path) {
        return lists.getOrDefault(path, ListType.ATOMIC);
      }

      @Override
      public boolean atomicMap(List<String> path) {
        return atomicMaps.contains(path);
      }
    };
  }
}
