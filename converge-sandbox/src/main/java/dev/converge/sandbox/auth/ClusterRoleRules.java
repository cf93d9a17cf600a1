package dev.converge.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ClusterRoleRules holds the effective rules of every ClusterRole. A ClusterRole with an
 * {@code aggregationRule} also grants the rules of every ClusterRole whose labels match one of
 * its selectors' {@code matchLabels}, as the cluster's aggregation controller would write them.
 *
 * <p>Writers are serialised by the store's commit lock; readers see a consistent map.
 */
final class ClusterRoleRules {
  /** A stored ClusterRole: its own rules, labels and aggregation selectors. */
  private record Stored(List<PolicyRule> rules, Map<String, String> labels,
      List<Map<String, String>> selectors) {}

  private final Map<String, Stored> stored = new HashMap<>();
  private final Map<String, List<PolicyRule>> effective = new ConcurrentHashMap<>();

  List<PolicyRule> rules(String name) {
    return effective.get(name);
  }

  synchronized void put(ObjectNode role) {
    Stored s = new Stored(PolicyRule.allOf(role), stringMap(role.path("metadata").path("labels")),
        selectors(role.path("aggregationRule").path("clusterRoleSelectors")));
    stored.put(Json.textAt(role, "metadata", "name"), s);
    recompute();
  }

  synchronized void remove(String name) {
    stored.remove(name);
    effective.remove(name);
    recompute();
  }

  /** Aggregation makes any role's change visible in the aggregating ones, so recompute all. */
  private void recompute() {
    for (Map.Entry<String, Stored> e : stored.entrySet()) {
      Stored role = e.getValue();
      if (role.selectors().isEmpty()) {
        effective.put(e.getKey(), role.rules());
        continue;
      }
      List<PolicyRule> rules = new ArrayList<>(role.rules());
      for (Map.Entry<String, Stored> other : stored.entrySet()) {
        if (!other.getKey().equals(e.getKey()) && selects(role.selectors(), other.getValue())) {
          rules.addAll(other.getValue().rules());
        }
      }
      effective.put(e.getKey(), List.copyOf(rules));
    }
  }

  private static boolean selects(List<Map<String, String>> selectors, Stored candidate) {
    for (Map<String, String> selector : selectors) {
      if (!selector.isEmpty()
          && candidate.labels().entrySet().containsAll(selector.entrySet())) {
        return true;
      }
    }
    return false;
  }

  private static List<Map<String, String>> selectors(JsonNode array) {
    List<Map<String, String>> out = new ArrayList<>();
    if (array.isArray()) {
      for (JsonNode s : array) {
        out.add(stringMap(s.path("matchLabels")));
      }
    }
    return out;
  }

  private static Map<String, String> stringMap(JsonNode obj) {
    Map<String, String> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
