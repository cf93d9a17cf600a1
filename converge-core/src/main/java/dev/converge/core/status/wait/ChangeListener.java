package dev.converge.core.status.wait;

import org.jspecify.annotations.Nullable;

/** ChangeListener hears that one watched object was added, changed or deleted. */
@FunctionalInterface
public interface ChangeListener {
  /**
   * Called on the watch's thread after the cache holds the new state; must return quickly.
   *
   * @param namespace the object's namespace, null for cluster-scoped objects
   */
  void changed(ResourceType type, @Nullable String namespace, String name);
}
