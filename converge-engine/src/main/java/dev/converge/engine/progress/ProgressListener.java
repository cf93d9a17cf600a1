package dev.converge.engine.progress;

/**
 * ProgressListener hears the engine's progress. Calls are serialized (one at a time, in the order
 * the engine saw things happen) but may come from pool and watch threads: return quickly.
 */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = event -> {};

  void on(ProgressEvent event);
}
