package dev.converge.core.retry;

/**
 * Observes every retry decision (metrics, tracing, tests). Called on the calling thread before the
 * delay; must not throw.
 */
@FunctionalInterface
public interface RetryListener {

  RetryListener NONE = event -> {};

  void onRetryDecision(RetryEvent event);
}
