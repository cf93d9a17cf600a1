package dev.converge.sandbox.controllers;

import java.time.Duration;
import java.util.Set;

/**
 * ControllerControls pause, resume and slow the sandbox's simulated controllers, per kind or per
 * object, so tests and demos can hold a cluster in a state (e.g. a StatefulSet never ready).
 */
public interface ControllerControls {
  void pause(String kind);

  void resume(String kind);

  void slow(String kind, Duration extraDelay);

  void pause(String kind, String namespace, String name);

  void resume(String kind, String namespace, String name);

  Set<String> kinds();
}
