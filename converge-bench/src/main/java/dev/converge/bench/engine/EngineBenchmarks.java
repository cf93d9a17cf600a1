package dev.converge.bench.engine;

import dev.converge.bench.BenchmarkReport;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import dev.converge.sandbox.controllers.ControllerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * EngineBenchmarks starts one sandbox and runs every engine scenario against Converge and its peers
 * in alternation, then writes the "engine" section of docs/BENCHMARKS.md.
 *
 * <p>Usage: {@code EngineBenchmarks [rounds [out [configMaps [deployments]]]]} (defaults 5,
 * docs/BENCHMARKS.md, 1000, 100); {@code -Dbench.tools=converge,kubectl} runs a subset (for a quick
 * check; the report then lists only those). New scenarios are one {@link Scenario} class each, added
 * to {@link #SCENARIOS}.
 */
public final class EngineBenchmarks {
  static final Duration TIMEOUT = Duration.ofMinutes(5);
  /** Pods ready quickly, so that the figures measure the tools rather than the simulated kubelet. */
  static final Duration POD_START = Duration.ofMillis(100);
  static final int WARM_UP_RUNS = 2;
  static final List<Scenario> SCENARIOS = List.of(
      new ApplyScenario(), new ReapplyScenario(), new DestroyScenario(), new FaultedApplyScenario(),
      new ReadinessLatencyScenario(), new RolloutScenario()); // (3), (6): each writes its own section
  static final List<String> ALL_TOOLS = List.of("converge", "kubectl", "kpt", "fabric8", "poll-2s");

  private EngineBenchmarks() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path out = Path.of(args.length > 1 ? args[1] : "docs/BENCHMARKS.md");
    int configMaps = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int deployments = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    Set<String> wanted = Arrays.stream(System.getProperty("bench.tools", String.join(",", ALL_TOOLS)).split(","))
        .map(String::trim).collect(Collectors.toSet());
    Path root = Files.createTempDirectory("converge-bench-engine");
    SandboxOptions options = SandboxOptions.defaults().withControllers(true)
        .withControllerOptions(ControllerOptions.defaults().withPodStartDelay(POD_START));
    try (Sandbox sandbox = Sandbox.start(options);
        KubernetesClient admin = new KubernetesClientBuilder().withConfig(sandbox.clientConfig()).build()) {
      Path kubeconfig = root.resolve("kubeconfig");
      sandbox.writeKubeconfig(kubeconfig);
      EngineRun run = new EngineRun(sandbox, admin, root, configMaps, deployments, TIMEOUT);
      List<DeployTool> tools = tools(wanted, sandbox, kubeconfig, root);
      String kubectl = ToolVersions.kubectl(kubeconfig);
      String kpt = ToolVersions.kpt();
      try {
        warmUp(run, tools);
        for (int round = 1; round <= rounds; round++) {
          Ceiling.measure(run);
          List<DeployTool> order = new ArrayList<>(tools);
          Collections.rotate(order, -(round - 1));
          for (Scenario scenario : SCENARIOS) {
            for (DeployTool tool : order) {
              long start = System.nanoTime();
              scenario.run(run, tool, round);
              System.err.printf("round %d/%d %s %s: %.1f s%n", round, rounds, scenario.title(), tool.name(),
                  (System.nanoTime() - start) / 1e9);
            }
          }
          // after every round, so that an interrupted run still leaves the rounds it finished
          String report = EngineReport.render(run.samples, tools.stream().map(DeployTool::name).toList(),
              new EngineReport.Setup(round, configMaps, deployments, POD_START.toMillis(), kubectl, kpt,
                  command(rounds, out, configMaps, deployments)));
          BenchmarkReport.writeSection(out, "engine", report);
          if (round == rounds) {
            System.out.println(report);
          }
        }
      } finally {
        tools.forEach(DeployTool::close);
      }
    }
    System.exit(0); // JOSDK's non-daemon scheduler outlives the rollout scenario's operator
  }

  private static String command(int rounds, Path out, int configMaps, int deployments) {
    return "bench/run.sh " + rounds + " engine` (runs `EngineBenchmarks " + rounds + " " + out + " " + configMaps
        + " " + deployments + "`)";
  }

  /**
   * One small unmeasured apply and destroy per tool first: the JIT compiles Converge's and
   * fabric8's paths, kubectl fills its discovery cache, as in the steady state users live in
   * (cold start is a scenario of its own).
   */
  private static void warmUp(EngineRun run, List<DeployTool> tools) {
    for (DeployTool tool : tools) {
      for (int i = 0; i < WARM_UP_RUNS; i++) {
        try {
          DeploySet set = DeploySet.write(run.root.resolve("warm-up"), "warm-up-" + tool.name() + "-" + i, 50, 5);
          tool.prepare(set);
          tool.apply(set);
          tool.destroy(set);
        } catch (Exception e) {
          System.err.printf("%s warm-up failed: %s%n", tool.name(), e.getMessage());
        }
      }
    }
  }

  private static List<DeployTool> tools(Set<String> wanted, Sandbox sandbox, Path kubeconfig, Path root)
      throws Exception {
    List<DeployTool> tools = new ArrayList<>();
    for (String name : ALL_TOOLS) {
      if (!wanted.contains(name)) {
        continue;
      }
      Path log = root.resolve(name + ".log");
      tools.add(switch (name) {
        case "converge" -> new ConvergeTool(sandbox.clientConfig(), TIMEOUT);
        case "kubectl" -> new KubectlTool(kubeconfig, log, TIMEOUT);
        case "kpt" -> new KptTool(kubeconfig, log, root.resolve("kpt"), TIMEOUT);
        case "fabric8" -> new Fabric8Tool(name, kubeconfig, Fabric8Tool.Wait.WAIT_UNTIL_READY, TIMEOUT);
        case "poll-2s" -> new Fabric8Tool(name, kubeconfig, Fabric8Tool.Wait.POLL_EVERY_2S, TIMEOUT);
        default -> throw new IllegalArgumentException("unknown tool " + name);
      });
    }
    return tools;
  }

}
