package dev.converge.sandbox.store;

/**
 * Watcher receives committed events in revision order. {@link #deliver} is called while the
 * store's write lock is held, so implementations only enqueue and never block.
 */
public interface Watcher {
  /** Whether this watcher wants the event (resource, namespace and selector filtering). */
  boolean accepts(WatchEvent event);

  void deliver(WatchEvent event);
}
