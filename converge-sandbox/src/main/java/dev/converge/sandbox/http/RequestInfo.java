package dev.converge.sandbox.http;

import java.util.ArrayList;
import java.util.List;

/**
 * RequestInfo is a parsed resource URL, as the API server's request-info resolver splits it.
 *
 * @param apiPrefix "api" or "apis"
 * @param group API group ("" for core)
 * @param version API version, or null for group-level paths
 * @param namespace namespace from the URL, or null
 * @param resource resource plural, or null for discovery paths
 * @param name object name, or null
 * @param subresource subresource (status, scale, finalize), or null
 */
public record RequestInfo(String apiPrefix, String group, String version, String namespace,
    String resource, String name, String subresource) {

  public boolean isDiscovery() {
    return resource == null;
  }

  /** Parses {@code /api/...} and {@code /apis/...}; null for any other path. */
  public static RequestInfo parse(String path) {
    List<String> parts = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        parts.add(s);
      }
    }
    if (parts.isEmpty()) {
      return null;
    }
    String prefix = parts.get(0);
    int i = 1;
    String group;
    if (prefix.equals("api")) {
      group = "";
    } else if (prefix.equals("apis")) {
      if (parts.size() < 2) {
        return new RequestInfo(prefix, null, null, null, null, null, null);
      }
      group = parts.get(1);
      i = 2;
    } else {
      return null;
    }
    if (parts.size() <= i) {
      return new RequestInfo(prefix, group, null, null, null, null, null);
    }
    String version = parts.get(i++);
    List<String> rest = parts.subList(i, parts.size());
    if (rest.isEmpty()) {
      return new RequestInfo(prefix, group, version, null, null, null, null);
    }
    String namespace = null;
    if (rest.get(0).equals("namespaces") && rest.size() >= 3
        && !(rest.size() == 3 && (rest.get(2).equals("status") || rest.get(2).equals("finalize")))) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.get(0);
    String name = rest.size() > 1 ? rest.get(1) : null;
    String sub = rest.size() > 2 ? String.join("/", rest.subList(2, rest.size())) : null;
    return new RequestInfo(prefix, group, version, namespace, resource, name, sub);
  }
}
