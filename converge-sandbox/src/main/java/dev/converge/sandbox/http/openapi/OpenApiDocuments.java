package dev.converge.sandbox.http.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceRegistry;
import dev.converge.sandbox.api.ResourceType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenApiDocuments renders the {@code /openapi/v3} index and one document per group-version with
 * a path per resource whose operations carry {@code x-kubernetes-group-version-kind} and the
 * write parameters ({@code fieldValidation}, {@code fieldManager}, {@code dryRun}, {@code force}).
 *
 * <p>No component schemas are published: kubectl then validates through the server
 * ({@code fieldValidation=Strict}) and computes strategic merge patches from its own types.
 */
public final class OpenApiDocuments {
  private static final List<String> WRITE_PARAMS =
      List.of("dryRun", "fieldManager", "fieldValidation");

  private final ResourceRegistry registry;

  public OpenApiDocuments(ResourceRegistry registry) {
    this.registry = registry;
  }

  /** The v3 index: one entry per served group-version, with a content hash in its URL. */
  public ObjectNode index() {
    ObjectNode root = Json.object();
    ObjectNode paths = root.putObject("paths");
    for (Map.Entry<String, List<String>> e : registry.groupVersions().entrySet()) {
      for (String version : e.getValue()) {
        String key = key(e.getKey(), version);
        String hash = hash(groupVersion(e.getKey(), version).orElseThrow());
        paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + hash);
      }
    }
    return root;
  }

  /**
   * The v3 document at {@code /openapi/v3/<path>} ({@code api/v1}, {@code apis/apps/v1}), or
   * empty when that group-version is not served.
   */
  public Optional<ObjectNode> document(String path) {
    String[] parts = path.split("/");
    if (parts.length == 2 && parts[0].equals("api")) {
      return groupVersion("", parts[1]);
    }
    if (parts.length == 3 && parts[0].equals("apis")) {
      return groupVersion(parts[1], parts[2]);
    }
    return Optional.empty();
  }

  /** A valid, empty Swagger 2.0 document; kubectl only falls back to v2 when v3 is missing. */
  public static ObjectNode swagger() {
    ObjectNode doc = Json.object();
    doc.put("swagger", "2.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", "v1.33.0");
    doc.putObject("paths");
    doc.putObject("definitions");
    return doc;
  }

  private Optional<ObjectNode> groupVersion(String group, String version) {
    List<ResourceType> types = registry.inGroupVersion(group, version);
    if (types.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode doc = Json.object();
    doc.put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", "v1.33.0");
    ObjectNode paths = doc.putObject("paths");
    String base = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    for (ResourceType t : types) {
      String collection = t.namespaced()
          ? base + "/namespaces/{namespace}/" + t.plural() : base + "/" + t.plural();
      ObjectNode list = paths.putObject(collection);
      list.set("get", operation(t, "list", List.of()));
      list.set("post", operation(t, "post", WRITE_PARAMS));
      ObjectNode item = paths.putObject(collection + "/{name}");
      item.set("get", operation(t, "get", List.of()));
      item.set("put", operation(t, "put", WRITE_PARAMS));
      item.set("patch", operation(t, "patch", List.of("dryRun", "fieldManager",
          "fieldValidation", "force")));
      item.set("delete", operation(t, "delete", List.of("dryRun")));
    }
    doc.putObject("components").putObject("schemas");
    return Optional.of(doc);
  }

  private static ObjectNode operation(ResourceType t, String action, List<String> params) {
    ObjectNode op = Json.object();
    op.put("operationId", action + t.kind());
    op.put("x-kubernetes-action", action);
    op.putObject("x-kubernetes-group-version-kind").put("group", t.group())
        .put("version", t.version()).put("kind", t.kind());
    ArrayNode parameters = op.putArray("parameters");
    for (String p : params) {
      ObjectNode param = parameters.addObject();
      param.put("name", p).put("in", "query").put("uniqueItems", true);
      param.putObject("schema").put("type", p.equals("force") ? "boolean" : "string");
    }
    op.putObject("responses").putObject("200").put("description", "OK");
    return op;
  }

  private static String key(String group, String version) {
    return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
  }

  private static String hash(ObjectNode doc) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(Json.text(doc).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16).toUpperCase();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
