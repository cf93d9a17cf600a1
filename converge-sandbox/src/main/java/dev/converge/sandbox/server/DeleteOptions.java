package dev.converge.sandbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.sandbox.api.ApiException;

/**
 * DeleteOptions are the body or query options of a delete: propagation and preconditions.
 *
 * @param propagation Background, Foreground or Orphan; null for the resource's default
 * @param orphanDependents the legacy flag, null when not given
 * @param preconditionUid required uid, or null
 * @param preconditionResourceVersion required resourceVersion, or null
 */
public record DeleteOptions(String propagation, Boolean orphanDependents, String preconditionUid,
    String preconditionResourceVersion) {
  public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, null);

  public static DeleteOptions background() {
    return new DeleteOptions("Background", null, null, null);
  }

  /** Merges a DeleteOptions body (may be null) with query parameters (query wins). */
  public static DeleteOptions from(JsonNode body, String queryPropagation, String queryOrphan) {
    String propagation = queryPropagation;
    Boolean orphan = queryOrphan == null ? null : Boolean.valueOf(queryOrphan);
    String uid = null;
    String rv = null;
    if (body != null && body.isObject()) {
      if (propagation == null && body.hasNonNull("propagationPolicy")) {
        propagation = body.get("propagationPolicy").asText();
      }
      if (orphan == null && body.hasNonNull("orphanDependents")) {
        orphan = body.get("orphanDependents").asBoolean();
      }
      JsonNode pre = body.get("preconditions");
      if (pre != null) {
        uid = pre.hasNonNull("uid") ? pre.get("uid").asText() : null;
        rv = pre.hasNonNull("resourceVersion") ? pre.get("resourceVersion").asText() : null;
      }
    }
    if (propagation != null && !propagation.matches("Background|Foreground|Orphan")) {
      throw ApiException.badRequest("propagationPolicy: Unsupported value: \"" + propagation
          + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
    }
    if (propagation != null && orphan != null) {
      throw ApiException.badRequest(
          "orphanDependents: Invalid value: may not be set when propagationPolicy is set");
    }
    return new DeleteOptions(propagation, orphan, uid, rv);
  }

  /** The effective policy: explicit, else the legacy flag, else Background. */
  public String effectivePropagation() {
    if (propagation != null) {
      return propagation;
    }
    if (orphanDependents != null) {
      return orphanDependents ? "Orphan" : "Background";
    }
    return "Background";
  }
}
