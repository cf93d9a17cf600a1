package dev.converge.sandbox.auth;

import java.util.List;

/**
 * Attributes describe one request as the authorizer sees it, like the API server's
 * {@code authorizer.Attributes}: who asks, which verb, and either a resource (group, resource,
 * subresource, namespace, name) or a non-resource path.
 *
 * @param user user name
 * @param groups the user's groups
 * @param verb get, list, watch, create, update, patch, delete or deletecollection
 * @param resourceRequest whether this is a request for an API resource
 * @param apiGroup API group, "" for the core group
 * @param resource resource plural
 * @param subresource subresource, "" when none
 * @param namespace namespace, "" for cluster-scoped or all-namespaces requests
 * @param name object name, "" when none
 * @param path the URL path of a non-resource request
 */
public record Attributes(String user, List<String> groups, String verb, boolean resourceRequest,
    String apiGroup, String resource, String subresource, String namespace, String name,
    String path) {

  public Attributes {
    groups = List.copyOf(groups);
  }

  /** A request for a resource; null strings are taken as "". */
  public static Attributes resource(String user, List<String> groups, String verb,
      String apiGroup, String resource, String subresource, String namespace, String name) {
    return new Attributes(user, groups, verb, true, orEmpty(apiGroup), orEmpty(resource),
        orEmpty(subresource), orEmpty(namespace), orEmpty(name), "");
  }

  /** A request for a path outside the resource API, such as {@code /version}. */
  public static Attributes nonResource(String user, List<String> groups, String verb,
      String path) {
    return new Attributes(user, groups, verb, false, "", "", "", "", "", path);
  }

  /** Resource and subresource as RBAC rules name them: {@code deployments/status}. */
  public String combinedResource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
