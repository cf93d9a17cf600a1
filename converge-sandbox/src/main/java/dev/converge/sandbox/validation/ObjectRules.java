package dev.converge.sandbox.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ResourceType;

/**
 * ObjectRules applies the API server's per-kind defaults and validation: names, immutable fields,
 * immutable ConfigMaps and Secrets.
 */
public final class ObjectRules {
  /** Fills defaults the real API server sets (e.g. Service type, Deployment strategy). */
  public void defaults(ResourceType type, ObjectNode object) {}

  /** @throws dev.converge.sandbox.api.ApiException 422 Invalid with field causes */
  public void validateCreate(ResourceType type, ObjectNode object) {}

  /** @throws dev.converge.sandbox.api.ApiException 422 Invalid, e.g. "field is immutable" */
  public void validateUpdate(ResourceType type, ObjectNode previous, ObjectNode next) {}
}
