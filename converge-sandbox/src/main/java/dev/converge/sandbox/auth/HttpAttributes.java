package dev.converge.sandbox.auth;

import dev.converge.sandbox.http.RequestInfo;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * HttpAttributes turns an HTTP request into authorization {@link Attributes} the way the API
 * server's request-info resolver does: GET is get, list or watch (a collection with
 * {@code watch=true}); POST create; PUT update; PATCH patch; DELETE delete, or deletecollection
 * on a collection. A namespace object's own name is its namespace, and a list selecting one
 * {@code metadata.name} names that object. Other paths are non-resource requests whose verb is
 * the lower-cased method.
 */
public final class HttpAttributes {
  private HttpAttributes() {}

  /**
   * The attributes of a request.
   *
   * @param param reads a query parameter, null when absent
   */
  public static Attributes of(String user, List<String> groups, String method, String path,
      Function<String, String> param) {
    RequestInfo info = RequestInfo.parse(path);
    if (info == null || info.isDiscovery()) {
      return Attributes.nonResource(user, groups, method.toLowerCase(Locale.ROOT), path);
    }
    String name = info.name();
    String verb = switch (method) {
      case "GET", "HEAD" -> name != null ? "get" : isWatch(param.apply("watch")) ? "watch" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> name != null ? "delete" : "deletecollection";
      default -> method.toLowerCase(Locale.ROOT);
    };
    if (name == null && (verb.equals("list") || verb.equals("watch"))) {
      name = nameSelected(param.apply("fieldSelector"));
    }
    String namespace = info.namespace();
    if (info.group().isEmpty() && info.resource().equals("namespaces") && info.name() != null) {
      namespace = info.name();
    }
    return Attributes.resource(user, groups, verb, info.group(), info.resource(),
        info.subresource(), namespace, name);
  }

  private static boolean isWatch(String value) {
    return "true".equals(value) || "1".equals(value);
  }

  /** The name in a {@code metadata.name=NAME} field selector that selects exactly one object. */
  static String nameSelected(String fieldSelector) {
    if (fieldSelector == null) {
      return null;
    }
    for (String term : fieldSelector.split(",")) {
      String s = term.trim();
      for (String prefix : List.of("metadata.name==", "metadata.name=")) {
        if (s.startsWith(prefix) && s.length() > prefix.length()) {
          return s.substring(prefix.length());
        }
      }
    }
    return null;
  }
}
