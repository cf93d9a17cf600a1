package dev.converge.sandbox;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * Test helpers: a fabric8 client for a running sandbox over HTTPS with verification on, with
 * fabric8's own retries off.
 */
public final class SandboxFixture {
  private SandboxFixture() {}

  public static Config config(Sandbox sandbox) {
    return sandbox.clientConfig();
  }

  public static KubernetesClient client(Sandbox sandbox) {
    return new KubernetesClientBuilder().withConfig(config(sandbox)).build();
  }
}
