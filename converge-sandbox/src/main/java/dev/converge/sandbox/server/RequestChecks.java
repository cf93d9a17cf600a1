package dev.converge.sandbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;

/**
 * RequestChecks are the API server's checks of a request body against its URL and of delete
 * preconditions: pure functions that throw the Status errors a real server answers with.
 */
final class RequestChecks {
  private RequestChecks() {}

  static void checkKind(ResourceType type, JsonNode body) {
    String apiVersion = body.path("apiVersion").asText("");
    String kind = body.path("kind").asText("");
    if (kind.isEmpty()) {
      throw ApiException.badRequest("Object 'Kind' is missing in '" + abbreviate(body) + "'");
    }
    if (!kind.equals(type.kind())) {
      throw ApiException.badRequest("the kind in the data (" + kind
          + ") does not match the expected kind (" + type.kind() + ")");
    }
    if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
      throw ApiException.badRequest("the API version in the data (" + apiVersion
          + ") does not match the expected API version (" + type.apiVersion() + ")");
    }
  }

  static void checkName(JsonNode body, String name) {
    String bodyName = Json.textAt(body, "metadata", "name");
    if (bodyName != null && !bodyName.isEmpty() && !bodyName.equals(name)) {
      throw ApiException.badRequest("the name of the object (" + bodyName
          + ") does not match the name on the URL (" + name + ")");
    }
  }

  static void checkPreconditions(ResourceType type, String name, ObjectNode cur,
      DeleteOptions options) {
    String uid = Json.textAt(cur, "metadata", "uid");
    if (options.preconditionUid() != null && !options.preconditionUid().equals(uid)) {
      throw ApiException.conflict(type, name, "Precondition failed: UID in precondition: "
          + options.preconditionUid() + ", UID in object meta: " + uid);
    }
    String rv = ServerFields.resourceVersion(cur);
    if (options.preconditionResourceVersion() != null
        && !options.preconditionResourceVersion().equals(rv)) {
      throw ApiException.conflict(type, name,
          "Precondition failed: ResourceVersion in precondition: "
              + options.preconditionResourceVersion() + ", ResourceVersion in object meta: " + rv);
    }
  }

  static String namespaceFor(ResourceType type, String urlNamespace, ObjectNode meta) {
    if (!type.namespaced()) {
      meta.remove("namespace");
      return "";
    }
    String bodyNs = meta.path("namespace").asText("");
    if (!bodyNs.isEmpty() && !bodyNs.equals(urlNamespace)) {
      throw ApiException.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
    meta.put("namespace", urlNamespace);
    return urlNamespace;
  }

  static String abbreviate(JsonNode body) {
    String text = Json.text(body);
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
