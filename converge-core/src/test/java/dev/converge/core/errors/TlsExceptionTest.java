package dev.converge.core.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;

/** A TLS failure says which problem it is and what to fix, naming the server once it is known. */
class TlsExceptionTest {

  static final CallInfo GET = CallInfo.ofPath("get", "/api/v1/namespaces/default/pods");
  static final Endpoint PROD = new Endpoint("https://prod.example:6443", "prod", "ci");

  static TlsException classify(Throwable root) {
    SSLHandshakeException handshake = new SSLHandshakeException("handshake failed");
    handshake.initCause(root);
    return (TlsException) ErrorClassifier.classify(new RuntimeException("wrapped", handshake), GET);
  }

  @Test
  void givenUntrustedCa_whenExplainedForAnEndpoint_thenSaysNotTrustedAndWhereToPutTheCa() {
    // when
    TlsException e = classify(new CertPathValidatorException("Path does not chain with any of the trust anchors"))
        .withEndpoint(PROD);

    // then
    assertThat(e.problem()).isEqualTo(TlsException.Problem.NOT_TRUSTED);
    assertThat(e.getMessage()).contains("certificate not trusted").contains("https://prod.example:6443")
        .contains("kubeconfig context \"prod\" (user \"ci\")").contains("certificate-authority-data");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void givenHostnameMismatch_whenClassified_thenSaysTheCertificateDoesNotMatchTheHost() {
    // when
    TlsException e = classify(new SSLPeerUnverifiedException("Hostname 10.0.0.1 not verified"));

    // then
    assertThat(e.problem()).isEqualTo(TlsException.Problem.HOST_MISMATCH);
    assertThat(e.getMessage()).contains("does not match its host name");
  }

  @Test
  void givenExpiredCertificate_whenClassified_thenAHandshakeFailureNamingTheCause() {
    // when
    TlsException e = classify(new CertificateExpiredException("NotAfter: 2020-01-01"));

    // then
    assertThat(e.problem()).isEqualTo(TlsException.Problem.HANDSHAKE);
    assertThat(e.getMessage()).contains("CertificateExpiredException: NotAfter: 2020-01-01");
  }
}
