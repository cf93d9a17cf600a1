package dev.converge.sandbox.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * ApiException is a failed API call as the real API server reports it: an HTTP code plus a
 * {@code metav1.Status} body with reason, details and causes. Factories are named after the
 * reasons so call sites read like the Kubernetes source they mirror.
 */
public final class ApiException extends RuntimeException {
  /** One entry of {@code status.details.causes}. */
  public record Cause(String reason, String message, String field) {}

  private final int code;
  private final String reason;
  private final String group;
  private final String kind;
  private final String name;
  private final List<Cause> causes;
  private final Integer retryAfterSeconds;

  public ApiException(int code, String reason, String message, String group, String kind,
      String name, List<Cause> causes, Integer retryAfterSeconds) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.group = group;
    this.kind = kind;
    this.name = name;
    this.causes = List.copyOf(causes);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  private static ApiException of(int code, String reason, String message, ResourceType type,
      String name, List<Cause> causes) {
    return new ApiException(code, reason, message, type == null ? null : type.group(),
        type == null ? null : type.plural(), name, causes, null);
  }

  public static ApiException notFound(ResourceType type, String name) {
    return of(404, "NotFound", qualified(type) + " \"" + name + "\" not found", type, name,
        List.of());
  }

  public static ApiException notFound(String message) {
    return of(404, "NotFound", message, null, null, List.of());
  }

  public static ApiException alreadyExists(ResourceType type, String name) {
    return of(409, "AlreadyExists", qualified(type) + " \"" + name + "\" already exists", type,
        name, List.of());
  }

  public static ApiException conflict(ResourceType type, String name, String why) {
    return of(409, "Conflict",
        "Operation cannot be fulfilled on " + qualified(type) + " \"" + name + "\": " + why, type,
        name, List.of());
  }

  /** The optimistic-concurrency failure clients re-read and retry on. */
  public static ApiException staleResourceVersion(ResourceType type, String name) {
    return conflict(type, name,
        "the object has been modified; please apply your changes to the latest version and try again");
  }

  /** A server-side apply conflict: each cause names a field and the manager that owns it. */
  public static ApiException applyConflict(ResourceType type, String name, List<Cause> causes) {
    StringBuilder msg = new StringBuilder("Apply failed with ").append(causes.size())
        .append(causes.size() == 1 ? " conflict: " : " conflicts: ");
    for (int i = 0; i < causes.size(); i++) {
      msg.append(i == 0 ? "" : "\n").append(causes.get(i).message());
    }
    return of(409, "Conflict", msg.toString(), type, name, causes);
  }

  public static ApiException invalid(ResourceType type, String name, List<Cause> causes) {
    StringBuilder msg = new StringBuilder();
    msg.append(type == null ? "object" : type.kind()).append(" \"").append(name)
        .append("\" is invalid: ");
    if (causes.size() > 1) {
      msg.append('[');
    }
    for (int i = 0; i < causes.size(); i++) {
      Cause c = causes.get(i);
      msg.append(i == 0 ? "" : ", ").append(c.field()).append(": ").append(c.message());
    }
    if (causes.size() > 1) {
      msg.append(']');
    }
    return new ApiException(422, "Invalid", msg.toString(), type == null ? null : type.group(),
        type == null ? null : type.kind(), name, causes, null);
  }

  public static ApiException invalid(ResourceType type, String name, String field, String reason,
      String message) {
    return invalid(type, name, List.of(new Cause(reason, message, field)));
  }

  public static ApiException gone(String message) {
    return of(410, "Expired", message, null, null, List.of());
  }

  public static ApiException badRequest(String message) {
    return of(400, "BadRequest", message, null, null, List.of());
  }

  public static ApiException forbidden(ResourceType type, String name, String message,
      List<Cause> causes) {
    return of(403, "Forbidden", message, type, name, causes);
  }

  public static ApiException unauthorized() {
    return of(401, "Unauthorized", "Unauthorized", null, null, List.of());
  }

  public static ApiException methodNotAllowed(String message) {
    return of(405, "MethodNotAllowed", message, null, null, List.of());
  }

  public static ApiException unsupportedMediaType(String contentType) {
    return of(415, "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + "application/json-patch+json, application/merge-patch+json, "
            + "application/apply-patch+yaml, application/strategic-merge-patch+json; got "
            + contentType, null, null, List.of());
  }

  public static ApiException internal(String message) {
    return of(500, "InternalError", message, null, null, List.of());
  }

  private static String qualified(ResourceType type) {
    return type == null ? "object" : type.groupResource();
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public List<Cause> causes() {
    return causes;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The {@code metav1.Status} body for this failure. */
  public ObjectNode toStatus() {
    ObjectNode status = Json.object();
    status.put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", getMessage()).put("reason", reason)
        .put("code", code);
    if (name != null || kind != null || !causes.isEmpty() || retryAfterSeconds != null) {
      ObjectNode details = status.putObject("details");
      if (name != null) {
        details.put("name", name);
      }
      if (group != null && !group.isEmpty()) {
        details.put("group", group);
      }
      if (kind != null) {
        details.put("kind", kind);
      }
      if (!causes.isEmpty()) {
        ArrayNode arr = details.putArray("causes");
        for (Cause c : causes) {
          ObjectNode n = arr.addObject();
          if (c.reason() != null) {
            n.put("reason", c.reason());
          }
          if (c.message() != null) {
            n.put("message", c.message());
          }
          if (c.field() != null) {
            n.put("field", c.field());
          }
        }
      }
      if (retryAfterSeconds != null) {
        details.put("retryAfterSeconds", retryAfterSeconds);
      }
    }
    return status;
  }
}
