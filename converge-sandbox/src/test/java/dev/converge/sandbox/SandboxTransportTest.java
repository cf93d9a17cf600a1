package dev.converge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's transport is a real cluster's: HTTPS from its own CA and bearer tokens. */
@Timeout(60)
class SandboxTransportTest {
  static final String EXTRA_TOKEN = "dev-token";
  static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults()
        .withToken(EXTRA_TOKEN, "dev", "system:masters"));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Nested
  class Https {
    @Test
    void givenDefaultOptions_thenUrlIsHttpsOnLoopback() {
      assertThat(sandbox.url()).isEqualTo("https://127.0.0.1:" + sandbox.port());
      assertThat(sandbox.caCertPem()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void givenWrittenKubeconfig_whenFabric8ConnectsThroughIt_thenItListsNamespaces(
        @TempDir Path dir) {
      // given
      Path kubeconfig = dir.resolve("sandbox.kubeconfig");
      sandbox.writeKubeconfig(kubeconfig);
      Config config = new ConfigBuilder(Config.fromKubeconfig(kubeconfig.toFile()))
          .withRequestRetryBackoffLimit(0).build();

      // when
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        // then
        assertThat(config.isTrustCerts()).isFalse();
        assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
            .contains("default", "kube-system");
      }
    }

    @Test
    void givenClientNotTrustingTheCa_whenFabric8Connects_thenSslHandshakeFails() {
      // given: the right URL and token, but only the JVM's default trust store
      Config config = new ConfigBuilder(sandbox.clientConfig()).withCaCertData(null).build();

      // when / then
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        assertThatThrownBy(() -> client.namespaces().withName("default").get())
            .isInstanceOf(KubernetesClientException.class)
            .satisfies(e -> assertThat(causeChain(e))
                .anyMatch(SSLHandshakeException.class::isInstance));
      }
    }

    @Test
    void givenRawClientNotTrustingTheCa_whenConnecting_thenSslHandshakeFails() {
      HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

      assertThatThrownBy(() -> untrusting.send(request("/version", null),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Nested
  class Authentication {
    @Test
    void givenNoToken_whenRequesting_then401Status() throws Exception {
      HttpResponse<String> response = trusting().send(request("/api/v1/namespaces", null),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).contains("\"kind\":\"Status\"")
          .contains("\"reason\":\"Unauthorized\"");
    }

    @Test
    void givenWrongToken_whenRequesting_then401Status() throws Exception {
      HttpResponse<String> response = trusting().send(request("/api/v1/namespaces", "wrong"),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).contains("\"reason\":\"Unauthorized\"");
    }

    @Test
    void givenAdminOrAddedToken_whenRequesting_then200() throws Exception {
      for (String token : new String[] {sandbox.adminToken(), EXTRA_TOKEN}) {
        HttpResponse<String> response = trusting().send(request("/api/v1/namespaces", token),
            HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("token %s", token).isEqualTo(200);
      }
    }

    @Test
    void givenWrongToken_whenFabric8Requests_thenKubernetesClientException401() {
      Config config = new ConfigBuilder(sandbox.clientConfig()).withOauthToken("wrong").build();

      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        assertThatThrownBy(() -> client.namespaces().withName("default").get())
            .isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(401));
      }
    }
  }

  @Nested
  class Options {
    @Test
    void givenPlainHttp_whenStarted_thenUrlIsHttpAndFabric8Works() {
      try (Sandbox plain = Sandbox.start(SandboxOptions.defaults().withPlainHttp());
          KubernetesClient client = SandboxFixture.client(plain)) {
        assertThat(plain.url()).startsWith("http://127.0.0.1:");
        assertThat(plain.isTls()).isFalse();
        assertThat(client.namespaces().withName("default").get()).isNotNull();
        assertThatThrownBy(plain::caCertPem).isInstanceOf(IllegalStateException.class);
      }
    }

    @Test
    void givenCertDir_whenRestarted_thenOldClientConfigStillTrustsTheServer(@TempDir Path dir) {
      // given
      SandboxOptions options = SandboxOptions.defaults().withCertDir(dir).withAdminToken("t");
      String firstCa;
      Config firstConfig;
      try (Sandbox first = Sandbox.start(options)) {
        firstCa = first.caCertPem();
        firstConfig = first.clientConfig();
      }

      // when
      try (Sandbox second = Sandbox.start(options);
          KubernetesClient client = new KubernetesClientBuilder().withConfig(
              new ConfigBuilder(firstConfig).withMasterUrl(second.url()).build()).build()) {
        // then
        assertThat(second.caCertPem()).isEqualTo(firstCa);
        Namespace ns = client.namespaces().withName("default").get();
        assertThat(ns).isNotNull();
      }
    }
  }

  static List<Throwable> causeChain(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  static HttpRequest request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(sandbox.url() + path))
        .timeout(Duration.ofSeconds(10));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder.build();
  }

  /** A JDK client that trusts exactly the sandbox's CA. */
  static HttpClient trusting() {
    return SandboxFixture.jdkClient(sandbox);
  }
}
