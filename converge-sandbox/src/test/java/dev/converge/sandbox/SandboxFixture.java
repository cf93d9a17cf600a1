package dev.converge.sandbox;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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
      builder.sslContext(trusting(sandbox.caCertPem()));
    }
    return builder.build();
  }

  private static SSLContext trusting(String caPem) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("sandbox-ca", CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (java.io.IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not trust the sandbox CA", e);
    }
  }
}
