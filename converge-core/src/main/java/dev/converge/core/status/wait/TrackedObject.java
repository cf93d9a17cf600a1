package dev.converge.core.status.wait;

import dev.converge.core.status.Readiness;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** TrackedObject is the mutable state of one target during a wait; guarded by the session. */
final class TrackedObject {
  final WaitTarget target;
  final ResourceType type;
  final Instant deadline;
  @Nullable Readiness last;
  @Nullable Verdict verdict;
  @Nullable Instant verdictAt;
  /** A Job seen CURRENT: if ttlSecondsAfterFinished removes it, it stays CURRENT. */
  boolean seenComplete;
  /** Its kind could not be watched: the WatchFailed report stands, nothing recomputes it. */
  boolean unwatchable;
  /** When a failing pod's grace period runs out, so the object must be judged again. */
  @Nullable Instant recheckAt;

  TrackedObject(WaitTarget target, Instant deadline) {
    this.target = target;
    this.type = target.type();
    this.deadline = deadline;
  }

  boolean settled() {
    return verdict != null;
  }

  @Nullable String namespace() {
    return target.ref().namespace();
  }

  String name() {
    return target.ref().name();
  }
}
