package dev.converge.bench;

import dev.converge.sandbox.Sandbox;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** The Converge sandbox over HTTPS with bearer-token authentication, as tests use it. */
final class SandboxTarget implements Target {
  private final Sandbox sandbox = Sandbox.start();

  @Override
  public String name() {
    return "converge sandbox";
  }

  @Override
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(sandbox.clientConfig()).build();
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
