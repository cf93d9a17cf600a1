package dev.converge.core.retry;

/**
 * What kind of API call is being retried, which decides whether repeating it is safe (DESIGN.md §3).
 * A call is idempotent when sending it twice leaves the cluster as sending it once would.
 */
public enum CallKind {
  /** GET, LIST, WATCH: no side effects. */
  READ(true),
  /** Server-side apply (PATCH with {@code application/apply-patch+yaml}): declares the full intent. */
  APPLY(true),
  /** JSON merge patch (RFC 7386): applying the same patch twice gives the same object. */
  MERGE_PATCH(true),
  /** JSON patch (RFC 6902): operations such as "add to a list" repeat their effect. */
  JSON_PATCH(false),
  /** PUT carrying a resourceVersion: a repeat of an applied update fails with Conflict, never writes twice. */
  UPDATE(true),
  /** DELETE: a repeat finds the object gone (404), which the caller treats as success. */
  DELETE(true),
  /** POST: a repeat after a lost response may create a second object or fail with AlreadyExists. */
  CREATE(false),
  /**
   * POST whose caller resolves AlreadyExists by reading back the create token it set on the request
   * (DESIGN.md §4). Only this flag makes a create retryable after a response was lost.
   */
  IDEMPOTENT_CREATE(true);

  private final boolean idempotent;

  CallKind(boolean idempotent) {
    this.idempotent = idempotent;
  }

  public boolean idempotent() {
    return idempotent;
  }
}
