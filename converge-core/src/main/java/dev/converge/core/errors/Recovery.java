package dev.converge.core.errors;

/**
 * What a caller can do about a failure, per the table in DESIGN.md §2. A retry layer re-sends only
 * {@link #RETRY} blindly; the other non-{@link #NONE} values need the caller to change the request.
 */
public enum Recovery {
  /** Terminal: repeating the request cannot succeed (404, 401, 403, 422, 400, TLS trust). */
  NONE,
  /** Repeating the same request may succeed (429, 5xx, timeouts, network, NoMatch). */
  RETRY,
  /** Re-read the object and re-apply the change (409 Conflict on a stale resourceVersion). */
  REREAD,
  /** Relist and rewatch from a fresh resourceVersion (410 Gone). */
  RELIST
}
