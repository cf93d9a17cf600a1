package dev.converge.sandbox.controllers.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * Reconciler brings one object of its kind towards its desired state, reading and writing through
 * the API like a real controller. Several workers call it at once for different objects, never
 * for the same object twice at once: state shared across objects must be thread-safe, state of
 * one object needs no lock. It must not sleep: to look again later it returns the delay.
 */
public interface Reconciler {
  /** The plural resource this reconciler owns, e.g. {@code replicasets}. */
  String kind();

  /**
   * Reconciles the object; an exception (e.g. a 409 Conflict) retries it with back-off.
   *
   * @return when to reconcile it again even without a change, or empty
   */
  Optional<Duration> reconcile(String namespace, String name);
}
