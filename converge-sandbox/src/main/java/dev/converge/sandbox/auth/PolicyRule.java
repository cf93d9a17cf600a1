package dev.converge.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PolicyRule is one rule of a Role or ClusterRole and knows whether it grants a request, with
 * the API server's matching rules: {@code *} matches any verb, group, resource or path, a
 * resource {@code *}{@code /scale} matches that subresource of every resource, an empty
 * resourceNames matches every name, and a non-resource URL ending in {@code *} matches by prefix.
 */
public record PolicyRule(Set<String> verbs, Set<String> apiGroups, Set<String> resources,
    Set<String> resourceNames, List<String> nonResourceURLs) {
  static final String ALL = "*";

  /** Reads a rule as stored in a role's {@code rules} array. */
  public static PolicyRule from(JsonNode rule) {
    return new PolicyRule(Set.copyOf(strings(rule.get("verbs"))),
        Set.copyOf(strings(rule.get("apiGroups"))), Set.copyOf(strings(rule.get("resources"))),
        Set.copyOf(strings(rule.get("resourceNames"))),
        List.copyOf(strings(rule.get("nonResourceURLs"))));
  }

  /** Reads every rule of a role object; a role without rules grants nothing. */
  public static List<PolicyRule> allOf(JsonNode role) {
    List<PolicyRule> out = new ArrayList<>();
    JsonNode rules = role.get("rules");
    if (rules != null && rules.isArray()) {
      for (JsonNode r : rules) {
        out.add(from(r));
      }
    }
    return List.copyOf(out);
  }

  /** Whether this rule grants a resource request. */
  public boolean allowsResource(Attributes a) {
    return matches(verbs, a.verb()) && matches(apiGroups, a.apiGroup()) && resourceMatches(a)
        && (resourceNames.isEmpty() || resourceNames.contains(a.name()));
  }

  /** Whether this rule grants a non-resource request. */
  public boolean allowsNonResource(Attributes a) {
    if (!matches(verbs, a.verb())) {
      return false;
    }
    for (String url : nonResourceURLs) {
      if (url.equals(ALL) || url.equals(a.path())
          || (url.endsWith(ALL) && a.path().startsWith(url.substring(0, url.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  private boolean resourceMatches(Attributes a) {
    if (resources.contains(ALL) || resources.contains(a.combinedResource())) {
      return true;
    }
    // "*/scale" grants the scale subresource of every resource, but never a main resource.
    return !a.subresource().isEmpty() && resources.contains("*/" + a.subresource());
  }

  private static boolean matches(Set<String> allowed, String value) {
    return allowed.contains(ALL) || allowed.contains(value);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (JsonNode n : array) {
        out.add(n.asText());
      }
    }
    return out;
  }
}
