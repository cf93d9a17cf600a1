package dev.converge.sandbox.patch;

import dev.converge.sandbox.api.ApiException;
import java.util.List;

/** PatchErrors builds the failures the API server's patch handler reports. */
public final class PatchErrors {
  /** Media types a custom resource accepts: it has no strategic-merge patch strategies. */
  static final String CUSTOM_RESOURCE_PATCH_TYPES =
      "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

  private PatchErrors() {}

  /**
   * A patch that parsed but cannot be applied (failed {@code test}, missing path, unknown op).
   * Upstream wraps it in {@code NewGenericServerResponse(422, ...)}, which drops the cause and
   * keeps this fixed message; kubectl prints "The request is invalid: the server rejected ...".
   */
  static ApiException rejected() {
    return new ApiException(422, "Invalid",
        "the server rejected our request due to an error in our request", null, null, null,
        List.of(), null);
  }

  /** Strategic merge on a kind without patch strategies: the CRD handler does not accept it. */
  public static ApiException strategicMergeUnsupported() {
    return new ApiException(415, "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + CUSTOM_RESOURCE_PATCH_TYPES, null, null, null, List.of(), null);
  }

  static ApiException badRequest(String message) {
    return ApiException.badRequest(message);
  }

  /** Upstream returns plain Go errors from the strategic merge code, which become 500s. */
  static ApiException internal(String message) {
    return ApiException.internal(message);
  }
}
