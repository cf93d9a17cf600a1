package dev.converge.engine.progress;

import dev.converge.core.status.Readiness;
import dev.converge.engine.manifest.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One step of an apply, prune or destroy, about the whole set or one object. */
public sealed interface ProgressEvent {

  /** The set was validated and ordered: {@code stages} lists each stage's objects in order. */
  record Planned(List<List<ObjectKey>> stages) implements ProgressEvent {
    public Planned {
      stages = stages.stream().map(List::copyOf).toList();
    }

    public int objectCount() {
      return stages.stream().mapToInt(List::size).sum();
    }
  }

  /** The server accepted the object; {@code action} says whether it changed. */
  record Applied(ObjectKey object, ApplyAction action) implements ProgressEvent {
    public Applied {
      Objects.requireNonNull(object, "object == null");
      Objects.requireNonNull(action, "action == null");
    }
  }

  /** The engine waits for the object to become CURRENT. */
  record Waiting(ObjectKey object) implements ProgressEvent {}

  /** The object became CURRENT. */
  record Ready(ObjectKey object, Readiness readiness) implements ProgressEvent {}

  /**
   * The object could not be applied, failed, or timed out.
   *
   * @param reason one line for humans
   * @param error the typed failure, when there is one
   */
  record Failed(ObjectKey object, String reason, @Nullable RuntimeException error) implements ProgressEvent {}

  /** A member of the inventory absent from the desired set was deleted. */
  record Pruned(ObjectKey object) implements ProgressEvent {}

  /** The object was deleted by a destroy. */
  record Deleted(ObjectKey object) implements ProgressEvent {}

  /**
   * Another run holds the ApplySet's lock: this run waits for it before writing anything.
   *
   * @param lease {@code namespace/name} of the Lease
   * @param holder the other run's identity ({@code user@host/pid/random})
   * @param expiresAt when its lock lapses unless renewed (it is, while that run lives)
   * @param waitFor how long this run waits before failing
   */
  record LockWaiting(String lease, String holder, @Nullable Instant expiresAt, Duration waitFor)
      implements ProgressEvent {}
}
