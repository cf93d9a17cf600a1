package dev.converge.core.client.internal;

import dev.converge.core.client.DeleteOption;
import dev.converge.core.errors.ConvergeException;
import dev.converge.core.errors.DeleteNotCompleteException;
import dev.converge.core.errors.ErrorClassifier;
import dev.converge.core.errors.NotFoundException;
import dev.converge.core.retry.CallKind;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Deletes that count "already gone" as success (DESIGN.md §4) and can wait until the object is
 * gone. The wait follows the object's UID: an object recreated under the same name is another
 * object, so the one deleted counts as gone. It is watch-driven (fabric8's informer on the one
 * object), not polling, and ends in {@link DeleteNotCompleteException} naming the finalizers.
 */
public final class Deletion {

  /**
   * A failed list or watch of the wait restarts it at most this often: each restart follows a
   * retried read, so ten outlast a burst of transient faults without looping on a broken watch.
   */
  static final int MAX_WAIT_RESTARTS = 10;

  private final Scopes scopes;
  private final Calls calls;

  public Deletion(Scopes scopes, Calls calls) {
    this.scopes = scopes;
    this.calls = calls;
  }

  public void delete(HasMetadata object, DeleteOption... options) {
    Scope<HasMetadata> scope = scopes.of(object);
    String name = object.getMetadata().getName();
    DeletionPropagation propagation = DeletionPropagation.BACKGROUND;
    Duration wait = null;
    String lockedVersion = null;
    for (DeleteOption o : options) {
      if (o instanceof DeleteOption.Propagation p) {
        propagation = p.policy();
      } else if (o instanceof DeleteOption.WaitUntilGone w) {
        wait = w.timeout();
      } else if (o instanceof DeleteOption.IfUnchanged) {
        lockedVersion = Objects.requireNonNull(object.getMetadata().getResourceVersion(),
            "ifUnchanged() needs the resourceVersion of the copy read");
      }
    }
    // Waiting needs the UID of the object being deleted; read it when the caller's copy lacks it.
    String uid = object.getMetadata().getUid();
    if (wait != null && uid == null) {
      HasMetadata live = calls.run(scope, scope.call("get", name), CallKind.READ,
          () -> scope.named(name).get());
      if (live == null) {
        return;
      }
      uid = live.getMetadata().getUid();
    }
    DeletionPropagation policy = propagation;
    String version = lockedVersion;
    try {
      // fabric8 sends a locked version as DeleteOptions.preconditions; the server default
      // propagation (Background) then applies.
      calls.run(scope, scope.call("delete", name), CallKind.DELETE,
          () -> version == null ? scope.named(name).withPropagationPolicy(policy).delete()
              : scope.named(name).lockResourceVersion(version).delete());
    } catch (NotFoundException gone) {
      return;
    }
    if (wait != null) {
      awaitGone(scope, name, uid, wait);
    }
  }

  private void awaitGone(Scope<HasMetadata> scope, String name, String uid, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    for (int restarts = 0; ; restarts++) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        scope.named(name).waitUntilCondition(live -> isGone(live, uid),
            Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)), TimeUnit.MILLISECONDS);
        return;
      } catch (KubernetesClientTimeoutException timedOut) {
        break;
      } catch (RuntimeException watchFailed) {
        // The wait's own list or watch failed (throttled, 5xx, reset, dropped): it runs outside the
        // retrier, so classify it here; a transient failure re-reads (retried) and resumes waiting.
        // Not only KubernetesClientException: fabric8 rethrows the transport's own runtime
        // exceptions (e.g. Vert.x HttpClosedException) as they are.
        ConvergeException failure = ErrorClassifier.classify(watchFailed, scope.call("watch", name));
        if (!failure.retryable() || restarts >= MAX_WAIT_RESTARTS) {
          throw failure;
        }
        if (isGone(readLive(scope, name), uid)) {
          return;
        }
      }
    }
    HasMetadata remaining = readLive(scope, name);
    if (isGone(remaining, uid)) {
      return;
    }
    List<String> finalizers = Objects.requireNonNullElse(remaining.getMetadata().getFinalizers(), List.of());
    throw DeleteNotCompleteException.of(scope.ref(name), finalizers, wait);
  }

  private @Nullable HasMetadata readLive(Scope<HasMetadata> scope, String name) {
    return calls.run(scope, scope.call("get", name), CallKind.READ, () -> scope.named(name).get());
  }

  /** Gone, or replaced by another object of the same name. */
  static boolean isGone(@Nullable HasMetadata live, String uid) {
    return live == null || !uid.equals(live.getMetadata().getUid());
  }
}
