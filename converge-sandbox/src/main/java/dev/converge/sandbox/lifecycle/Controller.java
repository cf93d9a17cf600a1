package dev.converge.sandbox.lifecycle;

import dev.converge.sandbox.store.WatchEvent;

/**
 * Controller observes committed changes, in revision order, on the lifecycle thread. It keeps its
 * indexes up to date and enqueues the reconciliations the change calls for; it never blocks.
 */
interface Controller {
  void observe(WatchEvent event);
}
