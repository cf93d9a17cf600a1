package dev.converge.cli.cluster;

import dev.converge.core.status.wait.InformerWatchSource;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ParameterException;

/**
 * ClusterSession is the cluster one command runs against: a fabric8 client for the chosen
 * kubeconfig context or embedded sandbox, the default namespace, and the in-process sandbox when
 * the command started one (closed with the session). Opening checks the cluster answers and
 * accepts the credentials, failing fast with {@link ClusterUnavailableException}.
 */
public final class ClusterSession implements AutoCloseable {
  /**
   * Connect timeout for every request. A CLI must say "unreachable" in seconds, not after
   * fabric8's default of 10 s times its retries; fabric8's own retries are off (core retries).
   */
  static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private final KubernetesClient client;
  private final String namespace;
  private final String description;
  private final @Nullable Sandbox sandbox;

  private ClusterSession(KubernetesClient client, String namespace, String description,
      @Nullable Sandbox sandbox) {
    this.client = client;
    this.namespace = namespace;
    this.description = description;
    this.sandbox = sandbox;
  }

  /**
   * Opens the cluster the options name and checks it answers.
   *
   * @param log where a started sandbox is announced (stderr: stdout may carry JSON)
   */
  public static ClusterSession open(ClusterOptions options, PrintWriter log) {
    if (options.embedded()) {
      return openEmbedded(options, log);
    }
    Config config = kubeconfig(options);
    return connect(config, namespaceOf(options, config), "context " + orDefault(
        config.getCurrentContext() == null ? null : config.getCurrentContext().getName(),
        "(none)") + " at " + config.getMasterUrl(), null);
  }

  private static ClusterSession openEmbedded(ClusterOptions options, PrintWriter log) {
    Path advertised = options.sandboxKubeconfig().toAbsolutePath().normalize();
    var running = AdvertisedSandbox.find(advertised);
    if (running.isPresent()) {
      log.printf("Using the running sandbox at %s (%s)%n", running.get().getMasterUrl(), advertised);
      log.flush();
      return connect(running.get(), namespaceOf(options, running.get()),
          "sandbox at " + running.get().getMasterUrl(), null);
    }
    // Plain HTTP on loopback: the only client is this process, with a random admin token; TLS
    // would only add key generation and handshakes to a command's startup (about 0.7 s of CPU).
    // A sandbox other processes use ('converge sandbox') serves HTTPS.
    Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(true).withPlainHttp());
    log.printf("Started an in-process sandbox at %s (simulated controllers; gone when this "
        + "command ends)%n", sandbox.url());
    log.flush();
    try {
      return connect(sandbox.clientConfig(), namespaceOf(options, sandbox.clientConfig()),
          "in-process sandbox at " + sandbox.url(), sandbox);
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
  }

  private static Config kubeconfig(ClusterOptions options) {
    Path file = options.kubeconfig();
    try {
      Config config;
      if (file == null) {
        config = Config.autoConfigure(options.context());
      } else if (!Files.isRegularFile(file)) {
        throw new ClusterUnavailableException("no kubeconfig file at " + file);
      } else {
        File kubeconfig = file.toFile();
        config = Config.fromKubeconfig(options.context(), kubeconfig);
      }
      // fabric8 falls back to the current context when the named one is missing; kubectl refuses.
      String context = options.context();
      if (context != null && config.getContexts().stream().noneMatch(c -> context.equals(c.getName()))) {
        throw options.usageError("context \"" + context + "\" does not exist in the kubeconfig"
            + (file == null ? "" : " " + file));
      }
      return config;
    } catch (ClusterUnavailableException | ParameterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ClusterUnavailableException("could not read the kubeconfig"
          + (file == null ? "" : " " + file)
          + (options.context() == null ? "" : " (context " + options.context() + ")"), e);
    }
  }

  private static ClusterSession connect(Config base, String namespace, String description,
      @Nullable Sandbox sandbox) {
    Config config = new ConfigBuilder(base).withConnectionTimeout(CONNECT_TIMEOUT_MILLIS)
        .withRequestRetryBackoffLimit(0).withNamespace(namespace)
        .withWatchReconnectInterval(InformerWatchSource.RECONNECT_INTERVAL_MILLIS).build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    try {
      Preflight.check(client, description);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    return new ClusterSession(client, namespace, description, sandbox);
  }

  private static String namespaceOf(ClusterOptions options, Config config) {
    if (options.namespace() != null) {
      return options.namespace();
    }
    return orDefault(config.getNamespace(), "default");
  }

  private static String orDefault(@Nullable String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  public KubernetesClient client() {
    return client;
  }

  /** The namespace for objects that name none. */
  public String namespace() {
    return namespace;
  }

  /** {@code context prod at https://...} or {@code in-process sandbox at https://...}. */
  public String description() {
    return description;
  }

  /** The sandbox this session started, if it started one. */
  public @Nullable Sandbox sandbox() {
    return sandbox;
  }

  @Override
  public void close() {
    client.close();
    if (sandbox != null) {
      sandbox.close();
    }
  }
}
