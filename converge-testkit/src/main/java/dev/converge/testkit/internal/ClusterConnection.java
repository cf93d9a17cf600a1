package dev.converge.testkit.internal;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.controllers.ControllerControls;
import dev.converge.testkit.Backend;
import io.fabric8.kubernetes.client.Config;
import java.util.Optional;

/** ClusterConnection is one started (or reached) cluster that a test class uses. */
public interface ClusterConnection extends AutoCloseable {
  Backend backend();

  /** Client configuration for the cluster's admin, fabric8's own retries off. */
  Config config();

  /** The sandbox, when the backend is the sandbox. */
  Optional<Sandbox> sandbox();

  /** Controls of the simulated controllers running against this cluster. */
  default ControllerControls controllers() {
    return sandbox().map(Sandbox::controllerControls).orElseThrow(() ->
        new IllegalStateException("no simulated controllers run against " + backend()));
  }

  @Override
  void close();
}
