package dev.converge.core.client;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import java.time.Duration;
import java.util.Objects;

/** A per-call option of {@link ObjectWriter#delete}. */
public sealed interface DeleteOption {

  /** How dependents are deleted; Background when not given. */
  static DeleteOption propagation(DeletionPropagation policy) {
    return new Propagation(policy);
  }

  /**
   * Waits until the object is gone, or replaced by an object with another UID, for at most
   * {@code timeout}.
   */
  static DeleteOption waitUntilGone(Duration timeout) {
    return new WaitUntilGone(timeout);
  }

  /**
   * Deletes only while the object still has the resourceVersion of the caller's copy (a
   * precondition the server checks). A delete is retried after a lost response; without this, the
   * retry can delete the successor a controller already created under the same name (a
   * StatefulSet's pod). A changed or replaced object answers {@link
   * dev.converge.core.errors.ConflictException}: re-read and decide again. The server's default
   * propagation applies.
   */
  static DeleteOption ifUnchanged() {
    return IfUnchanged.INSTANCE;
  }

  /** See {@link #ifUnchanged}. */
  enum IfUnchanged implements DeleteOption { INSTANCE }

  /** See {@link #propagation}. */
  record Propagation(DeletionPropagation policy) implements DeleteOption {
    public Propagation {
      Objects.requireNonNull(policy, "policy == null");
    }
  }

  /** See {@link #waitUntilGone}. */
  record WaitUntilGone(Duration timeout) implements DeleteOption {
    public WaitUntilGone {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("wait timeout <= 0: " + timeout);
      }
    }
  }
}
