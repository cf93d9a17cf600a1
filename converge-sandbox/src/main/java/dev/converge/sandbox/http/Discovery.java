package dev.converge.sandbox.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceRegistry;
import dev.converge.sandbox.api.ResourceType;
import java.util.List;
import java.util.Map;

/** Discovery renders the legacy discovery documents kubectl and fabric8 read. */
final class Discovery {
  /** The Kubernetes release the sandbox reports; kubectl's dispatcher picks its binary by it. */
  static final String GIT_VERSION = "v1.33.0";

  private Discovery() {}

  static ObjectNode version() {
    ObjectNode v = Json.object();
    v.put("major", "1").put("minor", "33").put("gitVersion", GIT_VERSION)
        .put("gitCommit", "converge-sandbox").put("gitTreeState", "clean")
        .put("buildDate", "2026-01-01T00:00:00Z").put("goVersion", "go1.24.0")
        .put("compiler", "gc").put("platform", "linux/amd64");
    return v;
  }

  static ObjectNode coreVersions(String serverAddress) {
    ObjectNode v = Json.object();
    v.put("kind", "APIVersions");
    v.putArray("versions").add("v1");
    ObjectNode addr = v.putArray("serverAddressByClientCIDRs").addObject();
    addr.put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
    return v;
  }

  static ObjectNode groupList(ResourceRegistry registry) {
    ObjectNode list = Json.object();
    list.put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    for (Map.Entry<String, List<String>> e : registry.groupVersions().entrySet()) {
      if (e.getKey().isEmpty()) {
        continue;
      }
      groups.add(group(e.getKey(), e.getValue()));
    }
    return list;
  }

  static ObjectNode group(String name, List<String> versions) {
    ObjectNode g = Json.object();
    g.put("kind", "APIGroup").put("apiVersion", "v1").put("name", name);
    ArrayNode vs = g.putArray("versions");
    for (String v : versions) {
      vs.addObject().put("groupVersion", name + "/" + v).put("version", v);
    }
    g.putObject("preferredVersion").put("groupVersion", name + "/" + versions.get(0))
        .put("version", versions.get(0));
    return g;
  }

  static ObjectNode resourceList(String group, String version, List<ResourceType> types) {
    ObjectNode list = Json.object();
    list.put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = list.putArray("resources");
    for (ResourceType t : types) {
      ObjectNode r = resources.addObject();
      r.put("name", t.plural()).put("singularName", t.singular())
          .put("namespaced", t.namespaced()).put("kind", t.kind());
      ArrayNode verbs = r.putArray("verbs");
      t.verbs().forEach(verbs::add);
      if (!t.shortNames().isEmpty()) {
        ArrayNode sn = r.putArray("shortNames");
        t.shortNames().forEach(sn::add);
      }
      if (!t.categories().isEmpty()) {
        ArrayNode cats = r.putArray("categories");
        t.categories().forEach(cats::add);
      }
      r.put("storageVersionHash", Integer.toHexString(t.groupResource().hashCode()));
      if (t.statusSubresource()) {
        subresource(resources, t, "status", List.of("get", "patch", "update"));
      }
      if (t.scaleSubresource()) {
        ObjectNode s = subresource(resources, t, "scale", List.of("get", "patch", "update"));
        s.put("group", "autoscaling").put("version", "v1").put("kind", "Scale");
      }
      if (t.kind().equals("Namespace") && t.group().isEmpty()) {
        subresource(resources, t, "finalize", List.of("update"));
      }
    }
    return list;
  }

  private static ObjectNode subresource(ArrayNode resources, ResourceType t, String sub,
      List<String> verbs) {
    ObjectNode r = resources.addObject();
    r.put("name", t.plural() + "/" + sub).put("singularName", "").put("namespaced", t.namespaced())
        .put("kind", t.kind());
    ArrayNode vs = r.putArray("verbs");
    verbs.forEach(vs::add);
    return r;
  }
}
