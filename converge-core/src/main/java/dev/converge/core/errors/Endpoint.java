package dev.converge.core.errors;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The API server a client talks to and where its credentials come from, so that 401 and TLS
 * messages say which kubeconfig entry to fix.
 *
 * @param server the server URL
 * @param context the kubeconfig context, when the config came from one
 * @param user the kubeconfig user of that context
 */
public record Endpoint(String server, @Nullable String context, @Nullable String user) {

  public Endpoint {
    Objects.requireNonNull(server, "server == null");
  }

  /** E.g. {@code kubeconfig context "prod" (user "ci")}, or {@code the kubeconfig} without one. */
  public String credentials() {
    if (context == null) {
      return user == null ? "the kubeconfig" : "kubeconfig user \"" + user + "\"";
    }
    return "kubeconfig context \"" + context + "\"" + (user == null ? "" : " (user \"" + user + "\")");
  }
}
