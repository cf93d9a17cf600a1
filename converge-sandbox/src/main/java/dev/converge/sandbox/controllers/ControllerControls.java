package dev.converge.sandbox.controllers;

import java.time.Duration;
import java.util.Set;

/**
 * ControllerControls pause, resume and slow the sandbox's simulated controllers, per kind or per
 * object. A kind is named by its plural resource, e.g. {@code statefulsets} or {@code pods}.
 *
 * <p>A paused controller writes nothing for that kind (or that object): status stays as it is.
 * Changes made while paused are remembered, so after {@link #resume} the controller converges.
 * Unknown kinds throw {@link IllegalArgumentException} naming the known ones.
 */
public interface ControllerControls {
  /** Stops writing for every object of {@code kind}. */
  void pause(String kind);

  /** Undoes {@link #pause(String)}; the controller then catches up with what changed. */
  void resume(String kind);

  /** Delays each reconciliation of {@code kind} by {@code extraDelay}; zero undoes it. */
  void slow(String kind, Duration extraDelay);

  /** Stops writing for one object of {@code kind} ({@code namespace} empty for cluster scope). */
  void pause(String kind, String namespace, String name);

  /** Undoes {@link #pause(String, String, String)}. */
  void resume(String kind, String namespace, String name);

  /** The kinds that can be controlled, as plural resource names. */
  Set<String> kinds();
}
