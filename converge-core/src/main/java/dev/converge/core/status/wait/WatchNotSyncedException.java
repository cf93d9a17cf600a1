package dev.converge.core.status.wait;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The watch of a kind never synced (its first list kept failing with retryable errors) within the
 * time the wait allowed. A wait reports its objects of that kind as {@code UNKNOWN} with reason
 * {@link #REASON} and, at its deadline, as timed out ({@code NotReadyException}) naming the kind.
 */
public final class WatchNotSyncedException extends RuntimeException {
  /** The readiness reason a wait gives objects whose kind never synced. */
  public static final String REASON = "WatchNotSynced";

  private final ResourceType type;
  private final @Nullable String namespace;
  private final Duration waited;

  public WatchNotSyncedException(ResourceType type, @Nullable String namespace, Duration waited,
      @Nullable Throwable lastFailure) {
    super("the watch of " + type + (namespace == null ? "" : " in namespace " + namespace)
        + " did not sync within " + waited.toMillis() + " ms"
        + (lastFailure == null ? "" : "; last failure: " + lastFailure.getMessage()), lastFailure);
    this.type = type;
    this.namespace = namespace;
    this.waited = waited;
  }

  /** The kind that never synced. */
  public ResourceType type() {
    return type;
  }

  public @Nullable String namespace() {
    return namespace;
  }

  /** How long its first list was retried. */
  public Duration waited() {
    return waited;
  }
}
