package dev.converge.testkit.internal;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import dev.converge.testkit.Backend;
import io.fabric8.kubernetes.client.Config;
import java.util.Optional;

/** SandboxConnection starts a sandbox of the test class's own. */
public final class SandboxConnection implements ClusterConnection {
  private final Sandbox sandbox;

  public SandboxConnection(SandboxOptions options) {
    this.sandbox = Sandbox.start(options);
  }

  @Override
  public Backend backend() {
    return Backend.SANDBOX;
  }

  @Override
  public Config config() {
    return sandbox.clientConfig();
  }

  @Override
  public Optional<Sandbox> sandbox() {
    return Optional.of(sandbox);
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
