package dev.converge.cli.cluster;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * ClusterOptions are the kubectl-style switches that pick the cluster and default namespace of
 * every command that talks to one: {@code --kubeconfig}, {@code --context}, {@code -n} and
 * {@code --cluster embedded}.
 */
public final class ClusterOptions {
  /** {@code --cluster} value that selects the in-process (or advertised) sandbox. */
  public static final String EMBEDDED = "embedded";

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig file to use. Default: $KUBECONFIG, else ~/.kube/config.")
  @Nullable Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME",
      description = "Kubeconfig context to use. Default: the current context.")
  @Nullable String context;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
      description = "Namespace for objects that name none. Default: the context's namespace, "
          + "else default.")
  @Nullable String namespace;

  @Nullable String cluster;

  @Spec(Spec.Target.MIXEE)
  @Nullable CommandSpec mixee;

  @Option(names = "--cluster", paramLabel = "embedded",
      description = {"'embedded': run against the sandbox a running 'converge sandbox' "
          + "advertises in .converge/sandbox.kubeconfig, else an in-process sandbox with "
          + "simulated controllers started for this command.",
          "Default: the kubeconfig context, as kubectl uses it."})
  void cluster(String value) {
    if (!EMBEDDED.equals(value)) {
      throw new ParameterException(mixee.commandLine(),
          "Invalid value for option '--cluster': '" + value + "' (expected: embedded)");
    }
    cluster = value;
  }

  @Option(names = "--sandbox-kubeconfig", paramLabel = "FILE", hidden = true,
      defaultValue = ".converge/sandbox.kubeconfig",
      description = "Where a running sandbox advertises itself. Default: ${DEFAULT-VALUE}.")
  Path sandboxKubeconfig = Path.of(".converge/sandbox.kubeconfig");

  /** A usage error (exit 2) about these switches, rendered by picocli with the command's usage. */
  ParameterException usageError(String message) {
    return new ParameterException(java.util.Objects.requireNonNull(mixee).commandLine(), message);
  }

  public boolean embedded() {
    return cluster != null;
  }

  public @Nullable Path kubeconfig() {
    return kubeconfig;
  }

  public @Nullable String context() {
    return context;
  }

  public @Nullable String namespace() {
    return namespace;
  }

  public @Nullable String cluster() {
    return cluster;
  }

  public Path sandboxKubeconfig() {
    return sandboxKubeconfig;
  }
}
