package dev.converge.sandbox.controllers;

import java.time.Duration;
import java.util.Set;

/** The controls of a sandbox that runs no simulated controllers: every call does nothing. */
public final class NoControllerControls implements ControllerControls {
  public static final NoControllerControls INSTANCE = new NoControllerControls();

  private NoControllerControls() {}

  @Override
  public void pause(String kind) {}

  @Override
  public void resume(String kind) {}

  @Override
  public void slow(String kind, Duration extraDelay) {}

  @Override
  public void pause(String kind, String namespace, String name) {}

  @Override
  public void resume(String kind, String namespace, String name) {}

  @Override
  public Set<String> kinds() {
    return Set.of();
  }
}
