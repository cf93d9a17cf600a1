package dev.converge.testkit.internal;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.controllers.ControllerControls;
import dev.converge.sandbox.controllers.ControllerManager;
import dev.converge.sandbox.controllers.ControllerOptions;
import java.time.Clock;
import dev.converge.testkit.Backend;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import java.util.Optional;

/**
 * BinariesConnection starts local kube-apiserver and etcd binaries through kube-api-test in
 * offline mode: the binaries must already be in kube-api-test's directory
 * ({@code ~/.kube-api-test/binaries}); nothing is downloaded.
 */
public final class BinariesConnection implements ClusterConnection {
  private final KubeAPIServer server;
  private final Config config;
  private final ControllerManager controllers;

  /** Starts the binaries and, when asked, the sandbox's simulated controllers against them. */
  public BinariesConnection(boolean runControllers) {
    this.server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withOfflineMode(true).withUpdateKubeConfig(false).build());
    server.start();
    this.config = Config.fromKubeconfig(server.getKubeConfigYaml());
    config.setRequestRetryBackoffLimit(0);
    // A bare API server has no controller manager, scheduler or kubelet: ours stand in.
    this.controllers = runControllers
        ? ControllerManager.start(config, ControllerOptions.defaults(), Clock.systemUTC())
        : ControllerManager.disabled();
  }

  @Override
  public ControllerControls controllers() {
    return controllers;
  }

  @Override
  public Backend backend() {
    return Backend.API_SERVER_BINARIES;
  }

  @Override
  public Config config() {
    return config;
  }

  @Override
  public Optional<Sandbox> sandbox() {
    return Optional.empty();
  }

  @Override
  public void close() {
    controllers.close();
    server.stop();
  }
}
