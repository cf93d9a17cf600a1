package dev.converge.rollout.api;

/** What {@code kubectl get nd} shows first. */
public enum Phase {
  /** Nodes being created or not all ready, no rollout. */
  Pending,
  /** All nodes ready on the current template. */
  Ready,
  /** A rollout is in progress (stalled or not). */
  Upgrading,
  /** A rollout failed; stays until a new rollout starts. */
  Degraded
}
