package dev.converge.testkit.internal;

import dev.converge.sandbox.Sandbox;
import dev.converge.testkit.Backend;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** KubeconfigConnection reaches an existing cluster through the kubeconfig a user named. */
public final class KubeconfigConnection implements ClusterConnection {
  private final Config config;

  public KubeconfigConnection(Path kubeconfig) {
    try {
      this.config = Config.fromKubeconfig(Files.readString(kubeconfig));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the kubeconfig " + kubeconfig
          + " named by " + Backend.KUBECONFIG_ENV, e);
    }
    config.setRequestRetryBackoffLimit(0);
  }

  @Override
  public Backend backend() {
    return Backend.REAL_CLUSTER;
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
  public void close() {}
}
