package dev.converge.cli.cluster;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * AdvertisedSandbox finds a running {@code converge sandbox} through the kubeconfig it writes
 * (server URL, CA, admin token): the sandbox counts as running when its port accepts a connection.
 * A kubeconfig left behind by a sandbox that has stopped is ignored.
 */
final class AdvertisedSandbox {
  /** Loopback connects answer at once; a longer wait would only delay starting our own sandbox. */
  private static final int PROBE_MILLIS = 300;

  private AdvertisedSandbox() {}

  static Optional<Config> find(Path kubeconfig) {
    if (!Files.isRegularFile(kubeconfig)) {
      return Optional.empty();
    }
    Config config;
    try {
      config = Config.fromKubeconfig(null, kubeconfig.toFile());
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
    return listening(config.getMasterUrl()) ? Optional.of(config) : Optional.empty();
  }

  static boolean listening(String url) {
    URI uri = URI.create(url);
    int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), port), PROBE_MILLIS);
      return true;
    } catch (IOException | IllegalArgumentException notThere) {
      return false;
    }
  }
}
