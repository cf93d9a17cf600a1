package dev.converge.rollout.internal;

import dev.converge.rollout.api.Phase;

/** Phases computes the phase shown to people from what a reconcile found. */
public final class Phases {
  private Phases() {}

  public static Phase of(boolean rolloutActive, boolean planFailed, int readyReplicas,
      int replicas) {
    if (rolloutActive) {
      return Phase.Upgrading; // stalled or not: a stall is a condition, not a phase
    }
    if (planFailed) {
      return Phase.Degraded; // persists until a new rollout starts
    }
    return readyReplicas >= replicas ? Phase.Ready : Phase.Pending;
  }
}
