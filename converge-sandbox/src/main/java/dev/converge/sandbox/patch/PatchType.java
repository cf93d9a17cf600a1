package dev.converge.sandbox.patch;

import dev.converge.sandbox.api.ApiException;

/** The four PATCH body formats, selected by Content-Type. */
public enum PatchType {
  JSON("application/json-patch+json"),
  MERGE("application/merge-patch+json"),
  STRATEGIC("application/strategic-merge-patch+json"),
  APPLY_YAML("application/apply-patch+yaml"),
  APPLY_CBOR("application/apply-patch+cbor");

  private final String mediaType;

  PatchType(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  public boolean isApply() {
    return this == APPLY_YAML || this == APPLY_CBOR;
  }

  public static PatchType fromContentType(String contentType) {
    String ct = contentType == null ? "" : contentType.split(";")[0].trim();
    for (PatchType t : values()) {
      if (t.mediaType.equals(ct) && t != APPLY_CBOR) {
        return t;
      }
    }
    throw ApiException.unsupportedMediaType(ct);
  }
}
