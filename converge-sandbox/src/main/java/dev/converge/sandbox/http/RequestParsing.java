package dev.converge.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.http.protobuf.ProtobufObjects;
import dev.converge.sandbox.select.FieldSelector;
import dev.converge.sandbox.select.LabelSelector;
import dev.converge.sandbox.server.ListOptions;
import dev.converge.sandbox.server.RequestContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.List;

/**
 * RequestParsing reads what a request asks for from its query and body: list and watch options,
 * the field manager and dry-run flags, and JSON or YAML bodies, answering malformed input with the
 * Status errors the real API server gives.
 */
final class RequestParsing {
  private RequestParsing() {}

  static boolean isWatch(HttpServerRequest req) {
    String w = req.getParam("watch");
    return "true".equals(w) || "1".equals(w);
  }

  static ListOptions listOptions(HttpServerRequest req, ResourceType type) {
    String limit = req.getParam("limit");
    int n;
    try {
      n = limit == null || limit.isEmpty() ? 0 : Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid limit: " + limit);
    }
    return new ListOptions(LabelSelector.parse(req.getParam("labelSelector")),
        FieldSelector.forKind(req.getParam("fieldSelector"), type.group(),
            type.kind()), n, req.getParam("continue"),
        req.getParam("resourceVersion"));
  }

  static RequestContext context(HttpServerRequest req, Authenticator.User user) {
    String manager = req.getParam("fieldManager");
    if (manager == null || manager.isEmpty()) {
      manager = defaultManager(req.getHeader("User-Agent"));
    }
    List<String> dryRun = req.params().getAll("dryRun");
    boolean isDryRun = dryRun.contains("All");
    if (!dryRun.isEmpty() && !isDryRun) {
      throw ApiException.badRequest("dryRun: Unsupported value: " + dryRun
          + ": supported values: \"All\"");
    }
    return new RequestContext(user.name(), user.groups(), manager, isDryRun,
        "true".equals(req.getParam("force")));
  }

  /** The API server names an unnamed manager after the user agent's product token. */
  static String defaultManager(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "unknown";
    }
    String product = userAgent.split("[/ ]", 2)[0];
    return product.length() > 128 ? product.substring(0, 128) : product;
  }

  static void requireName(RequestInfo info) {
    if (info.name() == null) {
      throw ApiException.methodNotAllowed("the operation requires a name");
    }
  }

  static ObjectNode objectBody(HttpServerRequest req, Buffer body) {
    String ct = req.getHeader("Content-Type");
    boolean yaml = ct != null && ct.contains("yaml");
    if (ct != null && ct.contains("protobuf")) {
      // kubectl's typed clients (create namespace/configmap/deployment...) only send protobuf.
      return ProtobufObjects.decode(body.getBytes());
    }
    JsonNode node = parse(body, yaml);
    if (!(node instanceof ObjectNode obj)) {
      throw ApiException.badRequest("the body of the request must be a JSON object");
    }
    return obj;
  }

  static JsonNode parse(Buffer body, boolean yaml) {
    if (body == null || body.length() == 0) {
      throw ApiException.badRequest("the body of the request was empty");
    }
    try {
      JsonNode node = Json.parse(body.getBytes(), yaml);
      if (node == null || node.isMissingNode()) {
        throw ApiException.badRequest("the body of the request was empty");
      }
      return node;
    } catch (IOException e) {
      throw ApiException.badRequest("the body of the request could not be decoded: "
          + e.getMessage().split("\n")[0]);
    }
  }

  static long longParam(String name, String value) {
    try {
      return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name.equals("resourceVersion")
          ? "invalid resource version: " + value : "invalid " + name + ": " + value);
    }
  }
}
