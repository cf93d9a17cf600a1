package dev.converge.core.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Failures without an HTTP response, found by walking the cause chain however deep. */
class TransportClassifierTest {

  private static final CallInfo GET = CallInfo.of("get", ObjectRef.of("v1", "ConfigMap", "default", "cfg"));

  /** How fabric8 + Vert.x deliver a transport failure: a few wrappers around the JDK exception. */
  private static Throwable deep(Throwable root) {
    IOException io = new IOException("request failed", root);
    CompletionException async = new CompletionException(io);
    return new KubernetesClientException("Operation: [get] for kind: [ConfigMap] with name: [cfg] failed.", async);
  }

  private static SSLHandshakeException handshake(Throwable cause) {
    SSLHandshakeException e = new SSLHandshakeException("PKIX path validation failed");
    e.initCause(cause);
    return e;
  }

  static Stream<Arguments> network() {
    return Stream.of(
        net("connection refused", new ConnectException("Connection refused"), NetworkFailure.CONNECTION_REFUSED),
        net("netty connect timeout", new ConnectException("connection timed out: /10.0.0.1:6443"),
            NetworkFailure.CONNECT_TIMEOUT),
        net("java.net.http connect timeout", new HttpConnectTimeoutException("HTTP connect timed out"),
            NetworkFailure.CONNECT_TIMEOUT),
        net("connection reset", new SocketException("Connection reset"), NetworkFailure.CONNECTION_RESET),
        net("broken pipe", new SocketException("Broken pipe"), NetworkFailure.CONNECTION_CLOSED),
        net("DNS failure", new UnknownHostException("api.cluster.invalid"), NetworkFailure.UNKNOWN_HOST),
        net("no route", new NoRouteToHostException("No route to host"), NetworkFailure.NO_ROUTE_TO_HOST),
        net("read timeout", new SocketTimeoutException("Read timed out"), NetworkFailure.SOCKET_TIMEOUT),
        net("premature EOF", new EOFException("unexpected end of stream"), NetworkFailure.CONNECTION_CLOSED),
        net("vert.x closed connection", new IOException("Connection was closed"), NetworkFailure.CONNECTION_CLOSED),
        net("handshake cut by the peer", handshake(new EOFException("SSL peer shut down incorrectly")),
            NetworkFailure.CONNECTION_CLOSED));
  }

  private static Arguments net(String name, Throwable root, NetworkFailure failure) {
    return arguments(Named.of(name, root), failure);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("network")
  void givenNetworkFailureDeepInChain_whenClassified_thenNetworkError(Throwable root, NetworkFailure expected) {
    // when
    ConvergeException failure = ErrorClassifier.classify(deep(root), GET);
    // then
    assertThat(failure).isInstanceOfSatisfying(NetworkException.class,
        e -> assertThat(e.failure()).isEqualTo(expected));
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.code()).isZero();
    assertThat(failure.notProcessed()).isEqualTo(expected.beforeRequestSent());
  }

  static Stream<Arguments> tls() {
    return Stream.of(
        tlsCase("untrusted CA",
            handshake(new CertPathValidatorException("Path does not chain with any of the trust anchors"))),
        tlsCase("expired certificate", handshake(new CertificateExpiredException("NotAfter: ..."))),
        tlsCase("hostname mismatch", new SSLPeerUnverifiedException("Hostname 10.0.0.1 not verified")),
        tlsCase("handshake refused", new SSLHandshakeException("Received fatal alert: handshake_failure")));
  }

  private static Arguments tlsCase(String name, Throwable root) {
    return arguments(Named.of(name, root));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tls")
  void givenTrustFailureDeepInChain_whenClassified_thenTlsErrorNeverRetried(Throwable root) {
    // when
    ConvergeException failure = ErrorClassifier.classify(deep(root), GET);
    // then
    assertThat(failure).isExactlyInstanceOf(TlsException.class);
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("certificate-authority-data");
  }

  static List<Throwable> timeouts() {
    return List.of(new HttpTimeoutException("request timed out"),
        new java.util.concurrent.TimeoutException(),
        new InterruptedIOException("timeout"),
        new KubernetesClientTimeoutException("ConfigMap", "cfg", "default", 5L, java.util.concurrent.TimeUnit.SECONDS));
  }

  @ParameterizedTest
  @MethodSource("timeouts")
  void givenClientSideTimeout_whenClassified_thenTimeout(Throwable root) {
    // when / then
    assertThat(ErrorClassifier.classify(deep(root), GET)).isExactlyInstanceOf(RequestTimeoutException.class);
  }

  @Test
  void givenFabric8WithoutRegisteredKind_whenClassified_thenNoMatch() {
    // given
    KubernetesClientException noKind = new KubernetesClientException(
        "Could not find a registered handler for item: [GenericKubernetesResource(apiVersion=example.com/v1, kind=Widget)].");
    // when
    ConvergeException failure = ErrorClassifier.classify(noKind, GET);
    // then
    assertThat(failure).isExactlyInstanceOf(NoMatchException.class);
    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void given404OnDiscovery_whenClassified_thenNoMatchNotNotFound() {
    // given
    CallInfo discovery = CallInfo.ofPath(ErrorClassifier.DISCOVERY_VERB, "/apis/example.com/v1");
    // when / then
    assertThat(ErrorClassifier.classify(404, null, null, discovery)).isExactlyInstanceOf(NoMatchException.class);
    assertThat(ErrorClassifier.classify(404, null, null, GET)).isExactlyInstanceOf(NotFoundException.class);
  }

  @Test
  void givenUnknownClientFailure_whenClassified_thenUnclassifiedAndTerminal() {
    // when
    ConvergeException failure = ErrorClassifier.classify(new IllegalStateException("serializer broke"), GET);
    // then
    assertThat(failure).isExactlyInstanceOf(UnclassifiedException.class);
    assertThat(failure.retryable()).isFalse();
  }

  @Test
  void givenCyclicCauseChain_whenClassified_thenTerminates() {
    // given
    IOException a = new IOException("a");
    IOException b = new IOException("b", a);
    a.initCause(b);
    // when / then
    assertThat(ErrorClassifier.classify(a, GET)).isExactlyInstanceOf(UnclassifiedException.class);
  }
}
