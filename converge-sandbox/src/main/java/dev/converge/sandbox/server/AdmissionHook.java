package dev.converge.sandbox.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ResourceType;

/**
 * AdmissionHook defaults and validates objects of kinds that are only known at run time (custom
 * resources, CustomResourceDefinitions), after the built-in {@code ObjectRules}. Hooks run inside
 * the store's write lock for updates: they must be fast, pure and never call back into the store.
 */
public interface AdmissionHook {
  /** Fills defaults into {@code object} in place. */
  default void defaults(ResourceType type, ObjectNode object) {}

  /**
   * Refuses an invalid object.
   *
   * @param previous the stored object for an update, null for a create
   * @throws dev.converge.sandbox.api.ApiException 422 Invalid with field causes
   */
  default void validate(ResourceType type, ObjectNode previous, ObjectNode object) {}
}
