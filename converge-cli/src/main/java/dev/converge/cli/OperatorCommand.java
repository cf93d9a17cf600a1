package dev.converge.cli;

import dev.converge.rollout.OperatorOptions;
import dev.converge.rollout.RolloutOperator;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * OperatorCommand runs the NodeDeployment rollout controller (DESIGN.md §7) against the current
 * kubeconfig, or against an embedded sandbox, until interrupted (Ctrl-C) or {@link #stop()}ped.
 */
@Command(name = "operator", mixinStandardHelpOptions = true,
    description = {"Run the NodeDeployment rollout operator.",
        "Uses the current kubeconfig (or --kubeconfig/--context); --cluster embedded starts an "
            + "in-process sandbox with simulated controllers and writes its kubeconfig."})
final class OperatorCommand implements Callable<Integer> {
  @Option(names = "--install-crd",
      description = "Install or update the nodedeployments.converge.dev CRD before starting.")
  boolean installCrd;

  @Option(names = "--cluster", paramLabel = "kubeconfig|embedded", defaultValue = "kubeconfig",
      description = "Where to run: the kubeconfig's cluster, or an embedded sandbox "
          + "(CRD installed automatically). Default: ${DEFAULT-VALUE}.")
  String cluster;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig to use; with --cluster embedded, the file to write. Default: "
          + "$KUBECONFIG or ~/.kube/config; .converge/operator-sandbox.kubeconfig when embedded.")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context to use.")
  String context;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
      description = "Watch only this namespace (repeatable). Default: all namespaces.")
  List<String> namespaces = new ArrayList<>();

  @Option(names = "--metrics-port", paramLabel = "N",
      description = "Serve Prometheus metrics on http://127.0.0.1:N/metrics (0 picks a port).")
  Integer metricsPort;

  @Option(names = "--leader-election-namespace", paramLabel = "NS",
      description = "Elect a leader through Lease converge-rollout-operator in NS; the process "
          + "exits when it loses the Lease.")
  String leaseNamespace;

  @Option(names = "--identity", paramLabel = "ID",
      description = "This replica's identity in the Lease. Default: host name.")
  String identity;

  @Spec
  CommandSpec spec;

  private final CountDownLatch stopRequested = new CountDownLatch(1);

  /** Asks a running {@code operator} command to stop and return. */
  void stop() {
    stopRequested.countDown();
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    boolean embedded = "embedded".equals(cluster);
    if (!embedded && !"kubeconfig".equals(cluster)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--cluster must be kubeconfig or embedded, not " + cluster);
    }
    Sandbox sandbox = embedded ? Sandbox.start(SandboxOptions.defaults().withControllers(true))
        : null;
    try {
      Config config = embedded ? sandbox.clientConfig() : config();
      if (embedded) {
        Path file = kubeconfig != null ? kubeconfig
            : Path.of(".converge", "operator-sandbox.kubeconfig");
        sandbox.writeKubeconfig(file.toAbsolutePath().normalize());
        out.printf("Embedded sandbox on %s; wrote kubeconfig %s%n", sandbox.url(),
            file.toAbsolutePath().normalize());
      }
      if (installCrd || embedded) {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
          RolloutOperator.installCrd(client);
        }
        out.println("Installed CRD nodedeployments.converge.dev");
      }
      try (RolloutOperator op = RolloutOperator.start(config, options())) {
        out.printf("Rollout operator running (namespaces: %s%s). Press Ctrl-C to stop.%n",
            namespaces.isEmpty() ? "all" : String.join(",", namespaces),
            metricsPort == null ? "" : ", metrics on http://127.0.0.1:" + op.metricsPort()
                + "/metrics");
        out.flush();
        Thread hook = new Thread(this::stop, "converge-operator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
          stopRequested.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook is what stopped us
          }
        }
        out.println("Stopping the rollout operator.");
      }
    } finally {
      if (sandbox != null) {
        sandbox.close();
      }
    }
    return 0;
  }

  private Config config() {
    if (kubeconfig == null) {
      return Config.autoConfigure(context);
    }
    try {
      return Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read kubeconfig " + kubeconfig, e);
    }
  }

  private OperatorOptions options() {
    OperatorOptions o = OperatorOptions.defaults().withNamespaces(new HashSet<>(namespaces));
    if (metricsPort != null) {
      o = o.withMetricsPort(metricsPort);
    }
    if (leaseNamespace != null) {
      String id = identity != null ? identity : hostName();
      o = o.withLeaderElection(leaseNamespace, id, OperatorOptions.DEFAULT_LEASE_DURATION);
    }
    return o;
  }

  private static String hostName() {
    String h = System.getenv("HOSTNAME");
    return h != null && !h.isBlank() ? h : "converge-" + ProcessHandle.current().pid();
  }
}
