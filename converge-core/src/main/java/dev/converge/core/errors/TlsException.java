package dev.converge.core.errors;

/**
 * The TLS handshake failed on trust: the server certificate does not chain to a trusted CA, has
 * expired, or does not match the host. Terminal: retrying cannot make a certificate trusted.
 */
public final class TlsException extends KubeApiException {

  TlsException(CallInfo call, Throwable cause) {
    super("TLS handshake with the API server failed (" + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
        + "); check certificate-authority-data and the server address in the kubeconfig",
        ErrorDetails.transport(0, "TlsError", cause.getMessage()), call, cause);
  }

  @Override
  public Recovery recovery() {
    return Recovery.NONE;
  }
}
