package dev.converge.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.patch.PatchType;
import dev.converge.sandbox.patch.Patcher;
import dev.converge.sandbox.schema.TypeSchema;
import dev.converge.sandbox.server.Operations;
import dev.converge.sandbox.server.RequestContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;

/** Scale serves the {@code /scale} subresource as an autoscaling/v1 Scale view of spec.replicas. */
final class Scale {
  private Scale() {}

  static void handle(HttpServerRequest req, Operations ops, ResourceType type, RequestInfo info,
      RequestContext ctx, Buffer body, ApiServer server) {
    ObjectNode current = ops.get(type, info.namespace(), info.name());
    HttpMethod m = req.method();
    if (m == HttpMethod.GET) {
      Responses.writeJson(req.response(), 200, view(current));
      return;
    }
    ObjectNode requested;
    try {
      JsonNode parsed = Json.parse(body.getBytes(), false);
      if (m == HttpMethod.PUT) {
        requested = (ObjectNode) parsed;
      } else if (m == HttpMethod.PATCH) {
        PatchType pt = PatchType.fromContentType(req.getHeader("Content-Type"));
        requested = Patcher.apply(pt == PatchType.APPLY_YAML ? PatchType.MERGE : pt,
            view(current), parsed, TypeSchema.NONE);
      } else {
        throw ApiException.methodNotAllowed("method " + m + " is not supported on scale");
      }
    } catch (IOException | ClassCastException e) {
      throw ApiException.badRequest("the body of the request could not be decoded");
    }
    JsonNode replicas = requested.path("spec").get("replicas");
    if (replicas == null || !replicas.canConvertToInt() || replicas.asInt() < 0) {
      throw ApiException.invalid(type, info.name(), "spec.replicas", "FieldValueInvalid",
          "Invalid value: must be greater than or equal to 0");
    }
    ObjectNode patch = Json.object();
    Json.child(patch, "spec").put("replicas", replicas.asInt());
    String rv = Json.textAt(requested, "metadata", "resourceVersion");
    if (rv != null && !rv.isEmpty()) {
      Json.metadata(patch).put("resourceVersion", rv);
    }
    ObjectNode updated = ops.patch(type, info.namespace(), info.name(), PatchType.MERGE, patch,
        null, ctx);
    Responses.writeJson(req.response(), 200, view(updated));
  }

  static ObjectNode view(ObjectNode obj) {
    ObjectNode scale = Json.object();
    scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    JsonNode m = obj.get("metadata");
    for (String f : new String[] {"name", "namespace", "uid", "resourceVersion",
        "creationTimestamp"}) {
      if (m.has(f)) {
        meta.set(f, m.get(f));
      }
    }
    scale.putObject("spec").put("replicas", obj.path("spec").path("replicas").asInt(1));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", obj.path("status").path("replicas").asInt(0));
    JsonNode labels = obj.path("spec").path("selector").path("matchLabels");
    if (labels.isObject()) {
      StringBuilder sel = new StringBuilder();
      labels.fields().forEachRemaining(e -> sel.append(sel.length() == 0 ? "" : ",")
          .append(e.getKey()).append('=').append(e.getValue().asText()));
      status.put("selector", sel.toString());
    }
    return scale;
  }
}
