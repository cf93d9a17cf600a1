package dev.converge.sandbox.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceRegistry;
import dev.converge.sandbox.api.ResourceType;
import java.util.List;
import java.util.Map;

/**
 * AggregatedDiscovery renders {@code apidiscovery.k8s.io/v2} APIGroupDiscoveryLists: every group,
 * version and resource in one answer to {@code /api} or {@code /apis}, which spares kubectl one
 * request per group-version.
 */
final class AggregatedDiscovery {
  /** The media type kubectl lists first in its Accept header for /api and /apis. */
  static final String CONTENT_TYPE =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  private AggregatedDiscovery() {}

  /** Whether the client accepts the v2 aggregated form. */
  static boolean accepted(String accept) {
    if (accept == null) {
      return false;
    }
    for (String media : accept.split(",")) {
      String m = media.replace(" ", "");
      if (m.contains("g=apidiscovery.k8s.io") && m.contains("v=v2;")
          && m.contains("as=APIGroupDiscoveryList")) {
        return true;
      }
    }
    return false;
  }

  /** The core group ({@code core = true}, for /api) or every named group (for /apis). */
  static ObjectNode list(ResourceRegistry registry, boolean core) {
    ObjectNode list = Json.object();
    list.put("kind", "APIGroupDiscoveryList").put("apiVersion", "apidiscovery.k8s.io/v2");
    list.putObject("metadata");
    ArrayNode items = list.putArray("items");
    for (Map.Entry<String, List<String>> e : registry.groupVersions().entrySet()) {
      if (e.getKey().isEmpty() != core) {
        continue;
      }
      ObjectNode group = items.addObject();
      ObjectNode meta = group.putObject("metadata");
      if (!core) {
        meta.put("name", e.getKey());
      }
      ArrayNode versions = group.putArray("versions");
      for (String version : e.getValue()) {
        ObjectNode v = versions.addObject();
        v.put("version", version);
        ArrayNode resources = v.putArray("resources");
        for (ResourceType t : registry.inGroupVersion(e.getKey(), version)) {
          resources.add(resource(t));
        }
        v.put("freshness", "Current");
      }
    }
    return list;
  }

  private static ObjectNode resource(ResourceType t) {
    ObjectNode r = Json.object();
    r.put("resource", t.plural());
    kind(r.putObject("responseKind"), t.group(), t.version(), t.kind());
    r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
    r.put("singularResource", t.singular());
    strings(r.putArray("verbs"), t.verbs());
    if (!t.shortNames().isEmpty()) {
      strings(r.putArray("shortNames"), t.shortNames());
    }
    if (!t.categories().isEmpty()) {
      strings(r.putArray("categories"), t.categories());
    }
    ArrayNode subresources = Json.NODES.arrayNode();
    if (t.statusSubresource()) {
      subresource(subresources, "status", t.group(), t.version(), t.kind(),
          List.of("get", "patch", "update"));
    }
    if (t.scaleSubresource()) {
      subresource(subresources, "scale", "autoscaling", "v1", "Scale",
          List.of("get", "patch", "update"));
    }
    if (t.kind().equals("Namespace") && t.group().isEmpty()) {
      subresource(subresources, "finalize", "", "v1", "Namespace", List.of("update"));
    }
    if (!subresources.isEmpty()) {
      r.set("subresources", subresources);
    }
    return r;
  }

  private static void subresource(ArrayNode out, String name, String group, String version,
      String kind, List<String> verbs) {
    ObjectNode s = out.addObject();
    s.put("subresource", name);
    kind(s.putObject("responseKind"), group, version, kind);
    strings(s.putArray("verbs"), verbs);
  }

  private static void kind(ObjectNode node, String group, String version, String kind) {
    node.put("group", group).put("version", version).put("kind", kind);
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
