package dev.converge.core.status.wait;

/**
 * ReadinessListener hears every change of an object's readiness during a wait, and once more for
 * each object's first computed status. Called on a watch thread while the wait holds its lock:
 * return quickly and do not call back into the wait.
 */
@FunctionalInterface
public interface ReadinessListener {
  ReadinessListener NONE = event -> {};

  void onChange(ReadinessEvent event);
}
