package dev.converge.core.errors;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/**
 * The TLS handshake failed on trust: the server certificate does not chain to a trusted CA, has
 * expired, or does not match the host. Terminal: retrying cannot make a certificate trusted. The
 * message says which of these it is and how to fix it, never to switch verification off.
 */
public final class TlsException extends KubeApiException {

  /** What went wrong with the server's certificate. */
  public enum Problem {
    /** It does not chain to a CA the client trusts (self-signed, private CA not configured). */
    NOT_TRUSTED,
    /** Its names do not include the host the client connected to. */
    HOST_MISMATCH,
    /** Another handshake failure (protocol, cipher, expired certificate, ...). */
    HANDSHAKE
  }

  private final Problem problem;

  TlsException(CallInfo call, Throwable cause) {
    this(call, cause, null);
  }

  private TlsException(CallInfo call, Throwable cause, @Nullable Endpoint endpoint) {
    this(call, cause, endpoint, problemOf(cause));
  }

  private TlsException(CallInfo call, Throwable cause, @Nullable Endpoint endpoint, Problem problem) {
    super(explain(problem, cause, endpoint),
        ErrorDetails.transport(0, "TlsError", cause.getMessage()), call, cause);
    this.problem = problem;
  }

  @Override
  public Recovery recovery() {
    return Recovery.NONE;
  }

  public Problem problem() {
    return problem;
  }

  /** The same failure, its message naming the server and the kubeconfig entry to fix. */
  public TlsException withEndpoint(Endpoint endpoint) {
    Throwable cause = getCause() == null ? this : getCause();
    TlsException e = new TlsException(call(), cause, endpoint, problem);
    e.setStackTrace(getStackTrace());
    return e;
  }

  private static Problem problemOf(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
          || CauseChain.messageContains(t, "PKIX path")
          || CauseChain.messageContains(t, "unable to find valid certification path")) {
        return Problem.NOT_TRUSTED;
      }
      if (t instanceof SSLPeerUnverifiedException || CauseChain.messageContains(t, "subject alternative")
          || CauseChain.messageContains(t, "No name matching") || CauseChain.messageContains(t, "not verified")) {
        return Problem.HOST_MISMATCH;
      }
    }
    return Problem.HANDSHAKE;
  }

  private static String explain(Problem problem, Throwable cause, @Nullable Endpoint endpoint) {
    String server = endpoint == null ? "the API server" : endpoint.server();
    String where = endpoint == null ? "the kubeconfig" : endpoint.credentials();
    String detail = " (" + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
    return switch (problem) {
      case NOT_TRUSTED -> "TLS: certificate not trusted: the certificate of " + server
          + " does not chain to a trusted CA" + detail + "; fix: put the CA that signed it in "
          + where + " (cluster certificate-authority-data or certificate-authority); verification"
          + " stays on";
      case HOST_MISMATCH -> "TLS: the certificate of " + server + " does not match its host name"
          + detail + "; fix: set a server address the certificate names in " + where
          + ", or check that certificate-authority-data belongs to this server";
      case HANDSHAKE -> "TLS handshake with " + server + " failed" + detail
          + "; check certificate-authority-data and the server address in " + where;
    };
  }
}
