package dev.converge.cli.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/**
 * Preflight asks the cluster for its API groups once, without retries, before a command reads or
 * writes anything: an unreachable server, a TLS mismatch or rejected credentials then end the
 * command at once (exit 4) with the server named, instead of after the client's retries.
 */
final class Preflight {
  private Preflight() {}

  static void check(KubernetesClient client, String description) {
    try {
      // Discovery needs an authenticated user (system:discovery), so a bad token shows here.
      client.getApiGroups();
    } catch (KubernetesClientException e) {
      throw new ClusterUnavailableException(explain(e, description), e);
    }
  }

  static String explain(KubernetesClientException e, String description) {
    if (e.getCode() == 401) {
      return "the cluster (" + description + ") rejected the credentials (401 Unauthorized): "
          + "check the kubeconfig user's token or certificate";
    }
    if (e.getCode() == 403) {
      return "the cluster (" + description + ") refused access (403 Forbidden): the user may "
          + "not read API discovery";
    }
    Throwable root = rootCause(e);
    if (root instanceof SSLException) {
      return "TLS handshake with the cluster (" + description + ") failed: " + root.getMessage()
          + " (check the kubeconfig's certificate-authority)";
    }
    if (root instanceof ConnectException || root instanceof UnknownHostException) {
      return "the cluster (" + description + ") is unreachable: " + root.getMessage();
    }
    if (root instanceof IOException) {
      return "the cluster (" + description + ") did not answer: " + root.getMessage();
    }
    return "could not reach the cluster (" + description + "): " + e.getMessage();
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
