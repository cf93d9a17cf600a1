package dev.converge.sandbox.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.controllers.ControllerControls;
import dev.converge.sandbox.faults.ActiveRule;
import dev.converge.sandbox.faults.Durations;
import dev.converge.sandbox.faults.FaultHandle;
import dev.converge.sandbox.faults.FaultRule;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.sandbox.faults.Faults;
import dev.converge.sandbox.faults.RequestCounts;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.sandbox.faults.RequestRecord;
import dev.converge.sandbox.http.ApiServer;
import dev.converge.sandbox.http.RequestInfo;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * AdminEndpoint serves {@code /converge/admin/...}, for the admin token only.
 *
 * <ul>
 *   <li>{@code GET /faults}; {@code POST /faults} with {@code {"spec": "status=503,count=1"}}
 *       or the spec's items as fields; {@code DELETE /faults} (all) or {@code /faults/ID}
 *   <li>{@code GET /requests?verb=&resource=&subresource=&namespace=&client=&outcome=};
 *       {@code DELETE /requests} resets the counts
 *   <li>{@code GET /controllers}; {@code POST /controllers/pause|resume?kind=K[&namespace=N
 *       &name=X]}; {@code POST /controllers/slow?kind=K&delay=2s}
 * </ul>
 */
public final class AdminEndpoint implements ApiServer.RequestFilter {
  public static final String PREFIX = "/converge/admin";

  private final byte[] adminToken;
  private final Faults faults;
  private final RequestCounts counts;
  private final Supplier<ControllerControls> controls;

  public AdminEndpoint(String adminToken, Faults faults, RequestCounts counts,
      Supplier<ControllerControls> controls) {
    this.adminToken = ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
    this.faults = faults;
    this.counts = counts;
    this.controls = controls;
  }

  @Override
  public boolean handle(HttpServerRequest req, RequestInfo info) {
    String path = req.path();
    if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
      return false;
    }
    // The API server already answered 401 to requests without a valid token.
    String auth = req.getHeader("Authorization");
    if (auth == null || !MessageDigest.isEqual(adminToken,
        auth.trim().getBytes(StandardCharsets.UTF_8))) {
      write(req.response(), 403, ApiException.forbidden(null, null,
          "only the sandbox admin token may use " + PREFIX, List.of()).toStatus());
      return true;
    }
    req.body().onSuccess(body -> {
      try {
        route(req, path.substring(PREFIX.length()), body);
      } catch (ApiException e) {
        write(req.response(), e.code(), e.toStatus());
      } catch (IllegalArgumentException e) {
        write(req.response(), 400, ApiException.badRequest(e.getMessage()).toStatus());
      }
    });
    return true;
  }

  private void route(HttpServerRequest req, String path, Buffer body) {
    HttpMethod m = req.method();
    HttpServerResponse resp = req.response();
    if (path.equals("/faults") && m == HttpMethod.GET) {
      write(resp, 200, faultList());
    } else if (path.equals("/faults") && m == HttpMethod.POST) {
      FaultRule rule = rule(body);
      FaultHandle handle = faults.add(rule);
      write(resp, 201, faultJson(faults.rule(handle).orElseThrow()));
    } else if (path.equals("/faults") && m == HttpMethod.DELETE) {
      int removed = faults.rules().size();
      faults.clear();
      write(resp, 200, Json.object().put("removed", removed));
    } else if (path.startsWith("/faults/") && m == HttpMethod.DELETE) {
      FaultHandle handle = new FaultHandle(parseId(path.substring("/faults/".length())));
      if (!faults.remove(handle)) {
        throw ApiException.notFound("no fault rule " + handle.id());
      }
      write(resp, 200, Json.object().put("removed", 1));
    } else if (path.equals("/requests") && m == HttpMethod.GET) {
      write(resp, 200, requestCounts(req));
    } else if (path.equals("/requests") && m == HttpMethod.DELETE) {
      counts.reset();
      write(resp, 200, Json.object().put("reset", true));
    } else if (path.equals("/controllers") && m == HttpMethod.GET) {
      ObjectNode out = Json.object();
      ArrayNode kinds = out.putArray("kinds");
      new TreeSet<>(controls.get().kinds()).forEach(kinds::add);
      write(resp, 200, out);
    } else if (path.startsWith("/controllers/") && m == HttpMethod.POST) {
      control(req, path.substring("/controllers/".length()));
      write(resp, 200, Json.object().put("done", true));
    } else {
      throw ApiException.notFound("no admin endpoint " + m + " " + PREFIX + path);
    }
  }

  private void control(HttpServerRequest req, String action) {
    String kind = required(req, "kind");
    String namespace = req.getParam("namespace");
    String name = req.getParam("name");
    ControllerControls c = controls.get();
    switch (action) {
      case "pause" -> {
        if (name != null) {
          c.pause(kind, namespace, name);
        } else {
          c.pause(kind);
        }
      }
      case "resume" -> {
        if (name != null) {
          c.resume(kind, namespace, name);
        } else {
          c.resume(kind);
        }
      }
      case "slow" -> c.slow(kind, Durations.parse(required(req, "delay")));
      default -> throw ApiException.notFound("no controller action " + action
          + "; known: pause, resume, slow");
    }
  }

  private static String required(HttpServerRequest req, String param) {
    String v = req.getParam(param);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("query parameter " + param + " is required");
    }
    return v;
  }

  private static long parseId(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("fault rule ids are numbers: " + text, e);
    }
  }

  /** {@code {"spec": "..."}} or the spec's items as fields of one JSON object. */
  private static FaultRule rule(Buffer body) {
    JsonNode node;
    try {
      node = body.length() == 0 ? null : Json.parse(body.getBytes(), false);
    } catch (IOException e) {
      throw new IllegalArgumentException("the body must be a JSON object: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object with a spec");
    }
    if (node.has("spec")) {
      return FaultSpec.parse(node.get("spec").asText());
    }
    Map<String, String> items = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> items.put(e.getKey(),
        e.getValue().isBoolean() ? "" : e.getValue().asText()));
    return FaultSpec.parse(items);
  }

  private ObjectNode faultList() {
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    faults.rules().forEach(r -> items.add(faultJson(r)));
    return out;
  }

  private static ObjectNode faultJson(ActiveRule r) {
    ObjectNode n = Json.object();
    n.put("id", r.handle().id()).put("spec", r.rule().toSpec()).put("matched", r.matched())
        .put("applied", r.applied());
    return n;
  }

  private ObjectNode requestCounts(HttpServerRequest req) {
    RequestQuery q = new RequestQuery(req.getParam("verb"), req.getParam("resource"),
        req.getParam("subresource"), req.getParam("namespace"), req.getParam("client"),
        req.getParam("outcome"));
    ObjectNode out = Json.object();
    out.put("total", counts.count(q));
    ArrayNode items = out.putArray("items");
    for (Map.Entry<RequestRecord, Long> e : counts.snapshot().entrySet()) {
      RequestRecord r = e.getKey();
      if (q.matches(r)) {
        items.addObject().put("verb", r.verb()).put("group", r.group())
            .put("resource", r.resource()).put("subresource", r.subresource())
            .put("namespace", r.namespace()).put("client", r.client())
            .put("outcome", r.outcome()).put("count", e.getValue());
      }
    }
    return out;
  }

  private static void write(HttpServerResponse resp, int code, JsonNode body) {
    resp.setStatusCode(code).putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(Json.bytes(body)));
  }
}
