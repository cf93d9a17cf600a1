package dev.converge.sandbox.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.schema.SchemaRegistry;
import java.time.Clock;

/**
 * FieldManager tracks field ownership in {@code metadata.managedFields} and performs server-side
 * apply.
 */
public final class FieldManager {
  private final SchemaRegistry schemas;
  private final Clock clock;

  public FieldManager(SchemaRegistry schemas, Clock clock) {
    this.schemas = schemas;
    this.clock = clock;
  }

  /**
   * Records a non-apply write (create, update, patch): {@code manager} becomes an "Update" owner
   * of the fields it set or changed. Updates {@code next} in place.
   */
  public void recordUpdate(ResourceType type, ObjectNode previous, ObjectNode next,
      String manager, String subresource) {
    // Placeholder until field sets are implemented.
  }

  /**
   * Server-side apply of {@code applied} by {@code manager} onto {@code live} (null: create).
   *
   * @return the merged object, managedFields updated
   * @throws dev.converge.sandbox.api.ApiException 409 with FieldManagerConflict causes when
   *     another manager owns a field with a different value and {@code force} is false
   */
  public ObjectNode apply(ResourceType type, ObjectNode live, ObjectNode applied, String manager,
      boolean force, String subresource) {
    ObjectNode base = live == null ? applied.deepCopy() : live.deepCopy();
    if (live != null) {
      applied.fields().forEachRemaining(e -> base.set(e.getKey(), e.getValue().deepCopy()));
    }
    return base;
  }
}
