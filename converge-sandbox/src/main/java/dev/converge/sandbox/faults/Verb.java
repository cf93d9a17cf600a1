package dev.converge.sandbox.faults;

import dev.converge.sandbox.http.RequestInfo;
import java.util.Locale;

/** Verb is the Kubernetes verb of a request, as RBAC and audit logs name it. */
public enum Verb {
  GET, LIST, WATCH, CREATE, UPDATE, PATCH, DELETE, DELETECOLLECTION,
  /** A method the API does not map to a verb (e.g. OPTIONS). */
  OTHER;

  /** The verb of an HTTP request: GET splits into get/list/watch, DELETE into delete/collection. */
  public static Verb of(String method, RequestInfo info, boolean watchParam) {
    boolean named = info == null || info.isDiscovery() || info.name() != null;
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "GET", "HEAD" -> named ? GET : watchParam ? WATCH : LIST;
      case "POST" -> CREATE;
      case "PUT" -> UPDATE;
      case "PATCH" -> PATCH;
      case "DELETE" -> named ? DELETE : DELETECOLLECTION;
      default -> OTHER;
    };
  }

  /** Parses {@code create}, {@code CREATE} or {@code deletecollection}. */
  public static Verb parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown verb \"" + text + "\": expected one of "
          + "get, list, watch, create, update, patch, delete, deletecollection", e);
    }
  }

  /** Lower case, as Kubernetes spells verbs. */
  public String lower() {
    return name().toLowerCase(Locale.ROOT);
  }
}
