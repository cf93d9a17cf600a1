package dev.converge.testkit;

import java.util.EnumSet;
import java.util.Set;

/** Backend is the kind of cluster a test runs on, and what it can do. */
public enum Backend {
  /** The in-process sandbox: every capability. */
  SANDBOX(EnumSet.allOf(Capability.class)),
  /**
   * Local kube-apiserver and etcd binaries through kube-api-test, with the sandbox's simulated
   * controllers run against them: controllers can be paused, faults cannot be injected.
   */
  API_SERVER_BINARIES(EnumSet.of(Capability.CONTROLLER_CONTROL)),
  /** A real cluster from a kubeconfig: only what every cluster does. */
  REAL_CLUSTER(EnumSet.noneOf(Capability.class));

  /** Environment variable choosing the backend: sandbox, binaries or kubeconfig. */
  public static final String BACKEND_ENV = "CONVERGE_TEST_BACKEND";
  /** Environment variable naming the kubeconfig of a real cluster (implies REAL_CLUSTER). */
  public static final String KUBECONFIG_ENV = "CONVERGE_TEST_KUBECONFIG";

  private final Set<Capability> capabilities;

  Backend(Set<Capability> capabilities) {
    this.capabilities = capabilities;
  }

  public boolean can(Capability capability) {
    return capabilities.contains(capability);
  }

  /** The backend the environment asks for; the sandbox unless told otherwise. */
  public static Backend fromEnvironment(java.util.Map<String, String> env) {
    String chosen = env.getOrDefault(BACKEND_ENV, "").trim().toLowerCase(java.util.Locale.ROOT);
    if (chosen.isEmpty()) {
      return env.containsKey(KUBECONFIG_ENV) ? REAL_CLUSTER : SANDBOX;
    }
    switch (chosen) {
      case "sandbox":
        return SANDBOX;
      case "binaries":
        return API_SERVER_BINARIES;
      case "kubeconfig":
        return REAL_CLUSTER;
      default:
        throw new IllegalArgumentException(BACKEND_ENV + "=" + chosen
            + " is not a backend; use sandbox, binaries or kubeconfig");
    }
  }
}
