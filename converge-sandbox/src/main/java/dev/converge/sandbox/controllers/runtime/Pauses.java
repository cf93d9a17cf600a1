package dev.converge.sandbox.controllers.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Pauses knows which kinds and objects are paused and how much each kind is slowed. */
public final class Pauses {
  private final Set<String> kinds = ConcurrentHashMap.newKeySet();
  private final Set<Key> objects = ConcurrentHashMap.newKeySet();
  private final Map<String, Duration> slow = new ConcurrentHashMap<>();

  public void pause(String kind) {
    kinds.add(kind);
  }

  public void resume(String kind) {
    kinds.remove(kind);
  }

  public void pause(Key key) {
    objects.add(key);
  }

  public void resume(Key key) {
    objects.remove(key);
  }

  public boolean isPaused(Key key) {
    return kinds.contains(key.kind()) || objects.contains(key);
  }

  public void slow(String kind, Duration extra) {
    if (extra.isZero() || extra.isNegative()) {
      slow.remove(kind);
    } else {
      slow.put(kind, extra);
    }
  }

  public Duration extraDelay(String kind) {
    return slow.getOrDefault(kind, Duration.ZERO);
  }
}
