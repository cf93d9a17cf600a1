package dev.converge.testkit.internal;

import dev.converge.sandbox.Sandbox;
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

  public BinariesConnection() {
    this.server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withOfflineMode(true).withUpdateKubeConfig(false).build());
    server.start();
    this.config = Config.fromKubeconfig(server.getKubeConfigYaml());
    config.setRequestRetryBackoffLimit(0);
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
    server.stop();
  }
}
