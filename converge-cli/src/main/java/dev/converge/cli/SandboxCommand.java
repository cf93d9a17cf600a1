package dev.converge.cli;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import dev.converge.sandbox.access.ClusterAccess;
import dev.converge.sandbox.auth.StaticToken;
import dev.converge.sandbox.controllers.ControllerOptions;
import dev.converge.sandbox.auth.StaticTokens;
import dev.converge.sandbox.faults.Durations;
import dev.converge.sandbox.faults.FaultRule;
import dev.converge.sandbox.faults.FaultSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * SandboxCommand runs the in-process Kubernetes API server standalone and writes a kubeconfig
 * for it, until interrupted (Ctrl-C) or {@link #stop() stopped}.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = {"Run an in-process Kubernetes API server and write a kubeconfig for it.",
        "Serves HTTPS with a certificate from its own CA and accepts the bearer token written "
            + "to the kubeconfig. Runs until interrupted (Ctrl-C).",
        "Drive it at runtime from another shell with 'converge sandbox ctl'."},
    subcommands = SandboxCtlCommand.class)
final class SandboxCommand implements Callable<Integer> {
  /** How long the shutdown hook waits for the sandbox to close before the JVM exits anyway. */
  private static final long CLOSE_WAIT_SECONDS = 15;

  @Option(names = "--port", paramLabel = "N", defaultValue = "0",
      description = "Port to listen on; 0 picks a free port, printed at start. "
          + "Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Loopback address to bind (127.0.0.1, ::1 or localhost). "
          + "Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      defaultValue = ".converge/sandbox.kubeconfig",
      description = "Kubeconfig file to write, with context converge-sandbox as current "
          + "context. Default: ${DEFAULT-VALUE}.")
  Path kubeconfig;

  @Option(names = "--cert-dir", paramLabel = "DIR",
      description = "Directory keeping the sandbox CA (ca.crt, ca.key) so restarts keep "
          + "the same CA. Default: pki/ beside the kubeconfig file.")
  Path certDir;

  @Option(names = "--http",
      description = "Serve plain HTTP instead of HTTPS (no CA, no certificate checks).")
  boolean plainHttp;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Keep the cluster's state in DIR so a restart with the same DIR keeps it: "
          + "every object (each write is synced to a log before it is acknowledged), "
          + "resourceVersions, the CA (in DIR/pki unless --cert-dir is given) and the admin "
          + "token (DIR/admin-token). Give --port too to keep the address. "
          + "Default: in memory only.")
  Path dataDir;

  @Option(names = "--token", paramLabel = "TOKEN=USER[:GROUP1,GROUP2]",
      converter = TokenConverter.class,
      description = {"Accept bearer token TOKEN for USER in the given groups (repeatable).",
          "Requests are authorized by the RBAC objects in the sandbox: bind the user with "
              + "RoleBindings or ClusterRoleBindings (e.g. to the view, edit, admin or "
              + "cluster-admin ClusterRoles). The kubeconfig's admin token is in "
              + "system:masters."})
  List<StaticToken> tokens = new ArrayList<>();

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "Accept the tokens of a kube-apiserver static token file: CSV lines "
          + "token,user,uid,\"group1,group2\".")
  Path tokenFile;

  @Option(names = "--pause", paramLabel = "KIND",
      description = "Start with this controller kind paused (repeatable), e.g. statefulsets.")
  List<String> pausedKinds = new ArrayList<>();

  @Option(names = "--slow", paramLabel = "KIND=DURATION",
      description = "Start with this controller kind slowed by DURATION (repeatable), "
          + "e.g. deployments=2s.")
  Map<String, String> slowedKinds = new LinkedHashMap<>();

  @Option(names = "--controller-workers", paramLabel = "N",
      defaultValue = "" + ControllerOptions.DEFAULT_WORKERS,
      description = "Threads the simulated controllers reconcile on (one object never on two "
          + "at once); 1 reconciles one object at a time. Default: ${DEFAULT-VALUE}.")
  int controllerWorkers;

  @Option(names = "--fault", paramLabel = "SPEC",
      description = {"Start with this fault rule (repeatable): comma-separated items, e.g.",
          "  verb=create,path=/api/v1/**,status=503,count=3",
          "  verb=get,reset,probability=0.1,seed=42",
          "  path=/apis/apps/v1/**,latency=200ms",
          "  verb=create,retry-after=2",
          "  path=/apis/apps/v1/**,watch-delay=2s,client=operator",
          "Match: verb (get|list|watch|create|update|patch|delete|deletecollection), path "
              + "(glob: * one segment, ** any; or regex:...), client (User-Agent prefix or "
              + "X-Converge-Client header), header=Name:value.",
          "Action: status=429|500|502|503|504, retry-after=SECONDS, latency=DURATION, reset, "
              + "refuse[=DURATION], drop=EVENTS|DURATION (watches), watch-delay=DURATION.",
          "How often: count=N (first N hits), every=N, probability=P with seed=S."})
  List<String> faults = new ArrayList<>();

  @Spec
  CommandSpec spec;

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);

  /** Asks a running {@code sandbox} command to close the sandbox and return. */
  void stop() {
    stopRequested.countDown();
  }

  @Override
  public Integer call() {
    if (controllerWorkers < 1) {
      throw new ParameterException(spec.commandLine(),
          "--controller-workers must be at least 1, was " + controllerWorkers);
    }
    PrintWriter out = spec.commandLine().getOut();
    Path file = kubeconfig.toAbsolutePath().normalize();
    Thread hook = new Thread(this::stopAndAwaitClose, "converge-sandbox-shutdown");
    List<FaultRule> rules = faults.stream().map(FaultSpec::parse).toList();
    try (Sandbox sandbox = Sandbox.start(options(file))) {
      // Before the kubeconfig exists, so no client sees the sandbox without them.
      rules.forEach(sandbox.faults()::add);
      sandbox.writeKubeconfig(file);
      if (dataDir != null) {
        out.printf("Keeping state in %s%n", dataDir.toAbsolutePath().normalize());
      }
      render(out, sandbox, file);
      Runtime.getRuntime().addShutdownHook(hook);
      awaitStop();
      out.println("Stopping the sandbox.");
    } finally {
      closed.countDown();
      removeHook(hook);
    }
    return 0;
  }

  private SandboxOptions options(Path file) {
    SandboxOptions options = SandboxOptions.defaults().withHost(host).withPort(port)
        .withControllerOptions(controllerOptions());
    if (dataDir != null) {
      options = options.withDataDir(dataDir);
    }
    options = withTokens(options);
    if (plainHttp) {
      return options.withPlainHttp();
    }
    if (dataDir != null && certDir == null) {
      return options; // the CA lives in DIR/pki
    }
    return options.withCertDir(certDir != null ? certDir : file.getParent().resolve("pki"));
  }

  /** Pauses and slowdowns hold from the start, before any controller sees an object. */
  private ControllerOptions controllerOptions() {
    ControllerOptions controllers = ControllerOptions.defaults().withWorkers(controllerWorkers);
    for (String kind : pausedKinds) {
      controllers = controllers.withPaused(kind);
    }
    for (Map.Entry<String, String> e : slowedKinds.entrySet()) {
      controllers = controllers.withSlowed(e.getKey(), Durations.parse(e.getValue()));
    }
    return controllers;
  }

  private SandboxOptions withTokens(SandboxOptions options) {
    SandboxOptions o = tokenFile == null ? options : options.withTokenFile(tokenFile);
    for (StaticToken t : tokens) {
      o = o.withToken(t.token(), t.user(), t.groups().toArray(String[]::new));
    }
    return o;
  }

  private static void render(PrintWriter out, Sandbox sandbox, Path file) {
    out.printf("Converge sandbox listening on %s (port %d, %s)%n", sandbox.url(), sandbox.port(),
        sandbox.isTls() ? "HTTPS, CA in the kubeconfig" : "plain HTTP");
    out.printf("Wrote kubeconfig %s (context %s)%n", file, ClusterAccess.CONTEXT_NAME);
    out.println();
    out.printf("  export KUBECONFIG=%s%n", file);
    out.println("  kubectl get namespaces");
    out.println();
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  /** Interrupting the thread running the command stops it too. */
  private void awaitStop() {
    try {
      stopRequested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs on Ctrl-C: the JVM exits when hooks return, so wait until the sandbox is closed. */
  private void stopAndAwaitClose() {
    stop();
    try {
      closed.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already running the hook; nothing left to remove.
    }
  }

  /** Parses {@code --token} values so a malformed one is reported as a usage error. */
  static final class TokenConverter implements ITypeConverter<StaticToken> {
    @Override
    public StaticToken convert(String value) {
      return StaticTokens.parseSpec(value);
    }
  }
}
