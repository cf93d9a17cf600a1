package dev.converge.core.retry;

import dev.converge.core.errors.ConvergeException;

/**
 * Decides whether a failed call may be sent again as it is: the failure must be retryable (DESIGN.md
 * §2) and repeating this kind of call must be safe (§3). Pure, so every pair is tested directly.
 */
public final class Idempotency {

  private Idempotency() {}

  /** Whether re-sending a {@code kind} call that failed with {@code failure} is safe and useful. */
  public static boolean mayRetry(CallKind kind, ConvergeException failure) {
    return switch (failure.recovery()) {
      // 401, 403, 422, 400, 404, TLS trust: repeating cannot succeed.
      case NONE -> false;
      // 410 needs a fresh list first; the watch/informer layer relists, a blind repeat would 410 again.
      case RELIST -> false;
      // A stale resourceVersion only heals by re-reading. Apply sends the whole intent without one, so
      // re-sending is the re-apply; an UPDATE's own compare-and-swap loop re-reads (DESIGN.md §4), and
      // retrying it here too would nest two retry loops.
      case REREAD -> kind == CallKind.APPLY;
      // Transient: safe for idempotent calls, and for any call the server provably did not act on
      // (throttled, refused before connecting, namespace terminating).
      case RETRY -> kind.idempotent() || failure.notProcessed();
    };
  }
}
