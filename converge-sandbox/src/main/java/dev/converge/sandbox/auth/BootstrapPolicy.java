package dev.converge.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.server.Operations;
import dev.converge.sandbox.server.RequestContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BootstrapPolicy is the RBAC policy a new sandbox starts with, like a cluster's: discovery,
 * {@code /version} and {@code /healthz} for every authenticated user (the public info also for
 * unauthenticated ones), self access reviews, and the {@code cluster-admin}, {@code admin},
 * {@code edit} and {@code view} ClusterRoles. The objects live in
 * {@code bootstrap-policy.yaml}.
 */
public final class BootstrapPolicy {
  private static final String RESOURCE = "bootstrap-policy.yaml";

  private BootstrapPolicy() {}

  /** The policy objects, with the labels and annotations the API server puts on its own. */
  public static List<ObjectNode> objects() {
    Map<String, ObjectNode> roles = new LinkedHashMap<>();
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode obj : read()) {
      ObjectNode meta = Json.metadata(obj);
      Json.child(meta, "labels").put("kubernetes.io/bootstrapping", "rbac-defaults");
      Json.child(meta, "annotations").put("rbac.authorization.kubernetes.io/autoupdate", "true");
      if (obj.path("kind").asText().equals("ClusterRole")) {
        roles.put(meta.path("name").asText(), obj);
      }
      out.add(obj);
    }
    // What the aggregation controller would write: edit holds view's rules, admin edit's.
    appendRules(roles.get("edit"), roles.get("view"));
    appendRules(roles.get("admin"), roles.get("edit"));
    return out;
  }

  /** Creates every policy object that does not exist yet (a restarted durable sandbox has them). */
  public static void ensure(Operations ops) {
    RequestContext system = RequestContext.internal("kube-apiserver");
    for (ObjectNode obj : objects()) {
      ResourceType type = ops.registry().byKind(obj.path("apiVersion").asText(),
          obj.path("kind").asText()).orElseThrow();
      try {
        ops.create(type, null, obj, system);
      } catch (ApiException e) {
        if (e.code() != 409) {
          throw e;
        }
      }
    }
  }

  private static void appendRules(ObjectNode to, ObjectNode from) {
    ArrayNode rules = (ArrayNode) to.get("rules");
    for (JsonNode rule : from.get("rules")) {
      rules.add(rule.deepCopy());
    }
  }

  private static List<ObjectNode> read() {
    try (InputStream in = BootstrapPolicy.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      List<ObjectNode> out = new ArrayList<>();
      try (MappingIterator<ObjectNode> docs = Json.YAML.readerFor(ObjectNode.class)
          .readValues(in)) {
        while (docs.hasNext()) {
          out.add(docs.next());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + RESOURCE, e);
    }
  }
}
