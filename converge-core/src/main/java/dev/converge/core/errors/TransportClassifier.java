package dev.converge.core.errors;

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
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/**
 * Classifies failures that carry no HTTP response by walking the cause chain: fabric8 wraps the
 * JDK, Vert.x and Netty exceptions that say what went wrong several levels deep.
 */
final class TransportClassifier {

  // fabric8 messages when it cannot map an apiVersion/kind to a resource (discovery miss).
  private static final String NO_HANDLER = "could not find a registered handler";
  private static final String NO_METADATA = "could not find the metadata for the given apiversion and kind";

  private TransportClassifier() {}

  static KubeApiException classify(CauseChain chain, Throwable top, CallInfo call) {
    // Trust failures first: they are often wrapped in an SSLHandshakeException that also looks like I/O.
    Optional<Throwable> trust = chain.links().stream()
        .filter(t -> t instanceof CertPathValidatorException || t instanceof CertPathBuilderException
            || t instanceof CertificateException || t instanceof SSLPeerUnverifiedException)
        .findFirst();
    if (trust.isPresent()) {
      return new TlsException(call, trust.get());
    }
    // A kind fabric8 cannot resolve is a discovery miss, e.g. a CRD that is not Established yet.
    Optional<KubernetesClientException> noKind = chain.find(KubernetesClientException.class)
        .filter(e -> CauseChain.messageContains(e, NO_HANDLER) || CauseChain.messageContains(e, NO_METADATA));
    if (noKind.isPresent()) {
      return new NoMatchException(
          ErrorDetails.transport(0, "NoMatch", noKind.get().getMessage()), call, top);
    }
    for (Throwable t : chain.links()) {
      NetworkFailure failure = networkFailure(t);
      if (failure != null) {
        return new NetworkException(failure, call, t);
      }
    }
    // A handshake that failed for a reason other than I/O (protocol, cipher, trust) is not transient.
    Optional<SSLHandshakeException> handshake = chain.find(SSLHandshakeException.class);
    if (handshake.isPresent()) {
      return new TlsException(call, handshake.get());
    }
    for (Throwable t : chain.links()) {
      if (t instanceof HttpTimeoutException || t instanceof TimeoutException
          || t instanceof KubernetesClientTimeoutException || t instanceof InterruptedIOException) {
        return new RequestTimeoutException(
            ErrorDetails.transport(0, "Timeout", t.getMessage()), call, t);
      }
    }
    return new UnclassifiedException(ErrorDetails.NONE, call, top);
  }

  /** The network failure {@code t} stands for, or null if it is not one. */
  private static @Nullable NetworkFailure networkFailure(Throwable t) {
    if (t instanceof HttpConnectTimeoutException) {
      return NetworkFailure.CONNECT_TIMEOUT;
    }
    if (t instanceof ConnectException) {
      // Netty's ConnectTimeoutException is a ConnectException too.
      return CauseChain.messageContains(t, "timed out") ? NetworkFailure.CONNECT_TIMEOUT
          : NetworkFailure.CONNECTION_REFUSED;
    }
    if (t instanceof NoRouteToHostException) {
      return NetworkFailure.NO_ROUTE_TO_HOST;
    }
    if (t instanceof UnknownHostException) {
      return NetworkFailure.UNKNOWN_HOST;
    }
    if (t instanceof SocketTimeoutException) {
      return CauseChain.messageContains(t, "connect timed out") ? NetworkFailure.CONNECT_TIMEOUT
          : NetworkFailure.SOCKET_TIMEOUT;
    }
    if (t instanceof SocketException) {
      return CauseChain.messageContains(t, "reset") ? NetworkFailure.CONNECTION_RESET
          : CauseChain.messageContains(t, "closed") || CauseChain.messageContains(t, "broken pipe")
              ? NetworkFailure.CONNECTION_CLOSED : NetworkFailure.OTHER;
    }
    if (t instanceof EOFException || t instanceof ClosedChannelException) {
      return NetworkFailure.CONNECTION_CLOSED;
    }
    // Vert.x (fabric8's default HTTP client) reports a dropped connection with its own type.
    if ("HttpClosedException".equals(t.getClass().getSimpleName())
        || CauseChain.messageContains(t, "connection was closed")) {
      return NetworkFailure.CONNECTION_CLOSED;
    }
    // Netty's native transport reports a reset as an IOException subclass with errno text.
    if (t instanceof IOException && CauseChain.messageContains(t, "connection reset")) {
      return NetworkFailure.CONNECTION_RESET;
    }
    return null;
  }
}
