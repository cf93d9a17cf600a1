package dev.converge.sandbox.access;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * ClusterAccess is what a client needs to reach a sandbox: its URL, the CA that signed its
 * serving certificate and a bearer token.
 *
 * @param server base URL, {@code https://127.0.0.1:PORT} (or {@code http://} for plain HTTP)
 * @param caCertificatePem PEM of the CA clients must trust, null for a plain HTTP sandbox
 * @param token bearer token
 * @param userName name under which the kubeconfig files the token
 * @param namespace default namespace of the context
 */
public record ClusterAccess(String server, String caCertificatePem, String token, String userName,
    String namespace) {
  /** The context (and cluster) name written into kubeconfig files. */
  public static final String CONTEXT_NAME = "converge-sandbox";

  public ClusterAccess {
    Objects.requireNonNull(server, "server == null");
    Objects.requireNonNull(token, "token == null");
    Objects.requireNonNull(userName, "userName == null");
    Objects.requireNonNull(namespace, "namespace == null");
  }

  /** The CA as kubeconfig's {@code certificate-authority-data}: base64 of the PEM text. */
  public Optional<String> caCertificateData() {
    return Optional.ofNullable(caCertificatePem)
        .map(pem -> Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * A fabric8 configuration that trusts exactly this sandbox's CA, with TLS verification on and
   * fabric8's own request retries off (callers decide about retries, as Converge's core does).
   */
  public Config fabric8Config() {
    ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(server)
        .withOauthToken(token).withNamespace(namespace).withRequestRetryBackoffLimit(0)
        .withTrustCerts(false).withDisableHostnameVerification(false);
    caCertificateData().ifPresent(builder::withCaCertData);
    return builder.build();
  }
}
