package dev.converge.core.client;

import java.util.Objects;

/** A per-call option of {@link ObjectWriter#apply}. */
public sealed interface ApplyOption {

  /** Takes ownership of fields other managers own instead of failing with FieldManagerConflict. */
  static ApplyOption force() {
    return Force.INSTANCE;
  }

  /** Applies as {@code manager} instead of the client's field manager. */
  static ApplyOption fieldManager(String manager) {
    return new FieldManager(manager);
  }

  /**
   * Asks the server to run the apply without storing it (server-side dry run): admission,
   * defaulting and field ownership run as for a real apply, and the answer is what would be stored.
   */
  static ApplyOption dryRun() {
    return DryRun.INSTANCE;
  }

  /** See {@link #dryRun()}. */
  enum DryRun implements ApplyOption { INSTANCE }

  /** See {@link #force()}. */
  enum Force implements ApplyOption { INSTANCE }

  /** See {@link #fieldManager(String)}. */
  record FieldManager(String manager) implements ApplyOption {
    public FieldManager {
      Objects.requireNonNull(manager, "manager == null");
      if (manager.isBlank()) {
        throw new IllegalArgumentException("field manager is blank");
      }
    }
  }
}
