package dev.converge.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Responses writes JSON answers and {@code metav1.Status} errors. */
final class Responses {
  private Responses() {}

  static ObjectNode successStatus(ResourceType type, ObjectNode obj) {
    ObjectNode status = Json.object();
    status.put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success");
    ObjectNode details = status.putObject("details");
    details.put("name", Json.textAt(obj, "metadata", "name"));
    if (!type.group().isEmpty()) {
      details.put("group", type.group());
    }
    details.put("kind", type.plural());
    details.put("uid", Json.textAt(obj, "metadata", "uid"));
    return status;
  }

  static void writeJson(HttpServerResponse resp, int code, JsonNode body) {
    resp.setStatusCode(code).putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(Json.bytes(body)));
  }

  static void writeError(HttpServerResponse resp, ApiException e) {
    if (resp.ended() || resp.closed()) {
      return;
    }
    if (e.retryAfterSeconds() != null) {
      resp.putHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
    }
    writeJson(resp, e.code(), e.toStatus());
  }
}
