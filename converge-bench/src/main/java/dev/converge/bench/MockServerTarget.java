package dev.converge.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** fabric8's mock API server in CRUD mode over plain HTTP: the peer Java users have today. */
final class MockServerTarget implements Target {
  private final KubernetesMockServer server = new KubernetesMockServer(new Context(),
      new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);

  // The mock server logs every request at INFO through java.util.logging; silenced so that
  // console output does not slow the peer down.
  private static final Logger QUIET = quiet();

  MockServerTarget() {
    server.init(InetAddress.getLoopbackAddress(), 0);
  }

  private static Logger quiet() {
    Logger logger = Logger.getLogger("io.fabric8.mockwebserver");
    logger.setLevel(Level.WARNING);
    return logger;
  }

  @Override
  public String name() {
    return "fabric8 mock server (CRUD)";
  }

  @Override
  public KubernetesClient newClient() {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl("http://127.0.0.1:" + server.getPort()).withNamespace("default")
        .withRequestRetryBackoffLimit(0).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public void close() {
    server.destroy();
  }
}
