package dev.converge.core.status.wait;

import dev.converge.core.errors.ObjectRef;
import dev.converge.core.status.Readiness;
import java.time.Instant;

/**
 * ReadinessEvent reports that an object's readiness changed, as soon as the cluster showed it.
 *
 * @param at when the waiter computed it (the injected clock)
 */
public record ReadinessEvent(ObjectRef ref, Readiness readiness, Instant at) {

  /** Returns {@code apps/v1 Deployment ns/web: CURRENT ReplicasAvailable: 3/3 ...}. */
  public String oneLine() {
    return ref + ": " + readiness.oneLine();
  }
}
