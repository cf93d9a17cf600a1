package dev.converge.engine;

import dev.converge.core.errors.FieldManagerConflictException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * DriftPolicy tells drift from a real ownership conflict when a server-side apply is refused with
 * FieldManagerConflict. An imperative write (kubectl edit, scale, set image: operation {@code
 * Update}) takes ownership of the fields it changes, so re-applying the manifest conflicts with it;
 * when Converge already applies the object, that is drift and the owner puts its fields back by
 * forcing. A conflict with another <em>applier</em> (operation {@code Apply}) is two declarations
 * disagreeing: that is reported, never silently overridden.
 */
public final class DriftPolicy {
  static final String APPLY = "Apply";

  private DriftPolicy() {}

  /**
   * Whether {@code conflict} on {@code live} may be resolved by re-applying with force.
   *
   * @param manager Converge's field manager
   */
  public static boolean isDrift(@Nullable HasMetadata live, FieldManagerConflictException conflict, String manager) {
    Objects.requireNonNull(conflict, "conflict == null");
    if (live == null || conflict.owners().isEmpty()) {
      return false;
    }
    List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields() == null
        ? List.of() : live.getMetadata().getManagedFields();
    // only an owner repairs: an object Converge never applied is someone else's to keep
    boolean ours = entries.stream().anyMatch(e -> manager.equals(e.getManager()) && APPLY.equals(e.getOperation()));
    if (!ours) {
      return false;
    }
    for (String other : conflict.managers()) {
      List<ManagedFieldsEntry> of = entries.stream().filter(e -> other.equals(e.getManager())).toList();
      // unknown manager, or one that declares its fields by apply: a real conflict
      if (of.isEmpty() || of.stream().anyMatch(e -> !"Update".equals(e.getOperation()))) {
        return false;
      }
    }
    return true;
  }
}
