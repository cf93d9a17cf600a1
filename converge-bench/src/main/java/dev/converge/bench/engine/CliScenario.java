package dev.converge.bench.engine;

import dev.converge.bench.BenchmarkReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * (7) CLI cold start on the harness's sandbox: each round, a process per command, as a user runs
 * it. Converge: {@code ./converge apply -f DIR --kubeconfig K} through the launcher (C1, the
 * AppCDS archive) and {@code ./converge version}; kubectl: {@code kubectl apply --server-side -f
 * DIR} then its waits for the same objects (Deployments available, the StatefulSet rolled out, the
 * Job complete), and {@code kubectl version --client}. DIR is examples/bookshop with its Namespace
 * renamed, fresh per tool and round (removed, unmeasured, afterwards). Other tools skip. The
 * launcher builds the jar and records its archive in the first, unmeasured call. Writes the
 * "harness-cli" section of docs/BENCHMARKS.md after every call. bench/cli.sh still measures the
 * same against the CLI's own embedded sandbox.
 */
final class CliScenario implements Scenario {
  static final Path EXAMPLE = Path.of("examples", "bookshop");
  static final Path LAUNCHER = Path.of("converge");
  static final String KUBECTL = "kubectl";
  private static final Pattern NAMESPACE = Pattern.compile("(?m)(^\\s*namespace: |^  name: |namespaces/|\\.)bookshop"
      + "(\\s*$|/|\\.svc)");

  private final Set<String> tools = new LinkedHashSet<>();
  private boolean warm;

  @Override
  public String title() {
    return "(7) CLI cold start";
  }

  @Override
  public void run(EngineRun run, DeployTool tool, int round) throws Exception {
    boolean converge = EngineReport.CONVERGE.equals(tool.name());
    if (!converge && !KUBECTL.equals(tool.name())) {
      return;
    }
    tools.add(tool.name());
    Path root = Path.of("").toAbsolutePath();
    Command cmd = new Command(run.root.resolve("kubeconfig"), run.root.resolve("cli-" + tool.name() + ".log"));
    if (!warm) {
      // builds the jar if needed and records the class-data archive: once, untimed
      cmd.run(run.timeout, root.resolve(LAUNCHER).toString(), "version");
      warm = true;
    }
    String ns = "cli-" + tool.name() + "-r" + round + run.tag;
    Path dir = example(root.resolve(EXAMPLE), run.root.resolve("cli").resolve(ns), ns);
    try {
      double version = converge ? Timed.seconds(() -> cmd.run(run.timeout, root.resolve(LAUNCHER).toString(),
          "version")) : Timed.seconds(() -> cmd.run(run.timeout, KUBECTL, "version", "--client"));
      run.samples.add("cli.versionMs", tool.name(), version * 1000);
      double apply = converge ? Timed.seconds(() -> cmd.run(run.timeout, root.resolve(LAUNCHER).toString(), "apply",
          "-f", dir.toString(), "--kubeconfig", run.root.resolve("kubeconfig").toString()))
          : Timed.seconds(() -> kubectlApply(cmd, run, dir, ns));
      run.samples.add("cli.applyMs", tool.name(), apply * 1000);
      run.samples.add("cli.ok", tool.name(), 1);
    } catch (Exception e) {
      System.err.printf("%s CLI cold start failed: %s%n", tool.name(), e.getMessage());
      run.samples.add("cli.ok", tool.name(), 0);
    } finally {
      run.admin.namespaces().withName(ns).delete();
      run.admin.namespaces().withName(ns)
          .waitUntilCondition(n -> n == null, run.timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    BenchmarkReport.writeSection(HarnessSections.out(), "harness-cli",
        CliReport.render(run.samples, List.copyOf(tools), round));
  }

  /** What a deploy script does with kubectl: apply, then wait for each kind that has a wait. */
  private static void kubectlApply(Command cmd, EngineRun run, Path dir, String ns) throws Exception {
    String timeout = "--timeout=" + run.timeout.toSeconds() + "s";
    cmd.run(run.timeout, KUBECTL, "apply", "--server-side", "-f", dir.toString());
    cmd.run(run.timeout, KUBECTL, "rollout", "status", "statefulset/postgres", "-n", ns, timeout);
    cmd.run(run.timeout, KUBECTL, "wait", "--for=condition=complete", "job", "--all", "-n", ns, timeout);
    cmd.run(run.timeout, KUBECTL, "wait", "--for=condition=Available", "deployment", "--all", "-n", ns, timeout);
  }

  /** Copies the example into {@code dir} with its Namespace renamed to {@code ns}. */
  static Path example(Path from, Path dir, String ns) throws Exception {
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Matcher m = NAMESPACE.matcher(Files.readString(f));
        Files.writeString(dir.resolve(f.getFileName()), m.replaceAll("$1" + ns + "$2"));
      }
    }
    return dir;
  }
}
