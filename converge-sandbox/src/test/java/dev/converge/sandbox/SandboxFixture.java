package dev.converge.sandbox;

import dev.converge.sandbox.tls.TrustedCa;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Test helpers: clients for a running sandbox over HTTPS with verification on (trusting exactly
 * the sandbox's CA), with fabric8's own retries off.
 */
public final class SandboxFixture {
  private SandboxFixture() {}

  public static Config config(Sandbox sandbox) {
    return sandbox.clientConfig();
  }

  public static KubernetesClient client(Sandbox sandbox) {
    return new KubernetesClientBuilder().withConfig(config(sandbox)).build();
  }

  /** A fabric8 client that sends {@code userAgent}, as an operator or another tool would. */
  public static KubernetesClient client(Sandbox sandbox, String userAgent) {
    Config config = config(sandbox);
    config.setUserAgent(userAgent);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** A JDK HTTP client that trusts exactly the sandbox's CA (or plain HTTP when it has none). */
  public static HttpClient jdkClient(Sandbox sandbox) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (sandbox.isTls()) {
      builder.sslContext(TrustedCa.sslContext(sandbox.caCertPem()));
    }
    return builder.build();
  }

}
