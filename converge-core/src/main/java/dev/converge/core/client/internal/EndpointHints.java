package dev.converge.core.client.internal;

import dev.converge.core.errors.ConvergeException;
import dev.converge.core.errors.Endpoint;
import dev.converge.core.errors.TlsException;
import dev.converge.core.errors.UnauthorizedException;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import org.jspecify.annotations.Nullable;

/**
 * Names the server and the kubeconfig context in credential and TLS failures: the error classifier
 * sees only one response, the client knows which config entry produced the request.
 */
public final class EndpointHints {

  private final @Nullable Endpoint endpoint;

  private EndpointHints(@Nullable Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** Hints for a client built from {@code config}. */
  public static EndpointHints of(@Nullable Config config) {
    if (config == null || config.getMasterUrl() == null) {
      return new EndpointHints(null);
    }
    NamedContext current = config.getCurrentContext();
    String context = current == null ? null : current.getName();
    String user = current == null || current.getContext() == null ? null : current.getContext().getUser();
    return new EndpointHints(new Endpoint(config.getMasterUrl(), context, user));
  }

  /** {@code e} with the endpoint named, when it is a 401 or TLS failure and the endpoint is known. */
  public ConvergeException explain(ConvergeException e) {
    if (endpoint == null) {
      return e;
    }
    if (e instanceof UnauthorizedException u) {
      return u.withEndpoint(endpoint);
    }
    if (e instanceof TlsException t) {
      return t.withEndpoint(endpoint);
    }
    return e;
  }
}
