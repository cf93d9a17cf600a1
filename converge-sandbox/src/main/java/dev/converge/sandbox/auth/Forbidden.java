package dev.converge.sandbox.auth;

import dev.converge.sandbox.api.ApiException;
import java.util.List;

/**
 * Forbidden builds the 403 a real API server answers for a denied request, with its exact
 * message, e.g. {@code configmaps "x" is forbidden: User "alice" cannot get resource
 * "configmaps" in API group "" in the namespace "default"}.
 */
public final class Forbidden {
  private Forbidden() {}

  public static ApiException of(Attributes a, String reason) {
    String message = message(a) + (reason.isEmpty() ? "" : ": " + reason);
    if (!a.resourceRequest()) {
      return new ApiException(403, "Forbidden", "forbidden: " + message, null, null, null,
          List.of(), null);
    }
    String qualified = a.apiGroup().isEmpty() ? a.resource() : a.resource() + "." + a.apiGroup();
    String full = a.name().isEmpty() ? qualified + " is forbidden: " + message
        : qualified + " \"" + a.name() + "\" is forbidden: " + message;
    return new ApiException(403, "Forbidden", full, a.apiGroup(), a.resource(),
        a.name().isEmpty() ? null : a.name(), List.of(), null);
  }

  /** What the user cannot do, as the API server words it (also a review's denial reason). */
  static String message(Attributes a) {
    String user = "User \"" + a.user() + "\" cannot " + a.verb();
    if (!a.resourceRequest()) {
      return user + " path \"" + a.path() + "\"";
    }
    String scope = a.namespace().isEmpty() ? "at the cluster scope"
        : "in the namespace \"" + a.namespace() + "\"";
    return user + " resource \"" + a.combinedResource() + "\" in API group \"" + a.apiGroup()
        + "\" " + scope;
  }
}
