package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.server.AdmissionHook;

/** CustomResourceDefaulting applies a CRD's schema defaults to its custom resources on write. */
final class CustomResourceDefaulting implements AdmissionHook {
  private final CustomResourceSchemas schemas;

  CustomResourceDefaulting(CustomResourceSchemas schemas) {
    this.schemas = schemas;
  }

  @Override
  public void defaults(ResourceType type, ObjectNode object) {
    schemas.schemaFor(type.group(), type.version(), type.kind())
        .ifPresent(schema -> StructuralDefaults.applyToObject(object, schema));
  }
}
