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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * EngineBenchmarks starts one sandbox and runs every engine scenario against Converge and its peers
 * in alternation, then writes the "engine" section of docs/BENCHMARKS.md.
 *
 * <p>Usage: {@code EngineBenchmarks [rounds [out [configMaps [deployments]]]]} (defaults 5,
 * docs/BENCHMARKS.md, 1000, 100); {@code -Dbench.tools=converge,kubectl} runs a subset (for a quick
 * check; the report then lists only those), {@code -Dbench.scenarios=apply,reapply} a subset of
 * {@link #SCENARIOS} (by their keys), and {@code -Dbench.latency=0,5ms} each round once per setting,
 * the tools' requests slowed by that much ({@link AddedLatency}; default {@code 0}, in-process
 * only; {@code -Dbench.latency.scenarios=apply,reapply} limits the slowed setting to those). New scenarios are one {@link Scenario} class each, added to {@link #SCENARIOS}.
 */
public final class EngineBenchmarks {
  static final Duration TIMEOUT = Duration.ofMinutes(5);
  /** Pods ready quickly, so that the figures measure the tools rather than the simulated kubelet. */
  static final Duration POD_START = Duration.ofMillis(100);
  static final int WARM_UP_RUNS = 2;
  /** By the key {@code -Dbench.scenarios} names them with, in running order. */
  static final Map<String, Scenario> SCENARIOS = scenarios();
  /**
   * The scenarios that may run with added latency: this section's tables (those writing sections of
   * their own run in-process only); {@code -Dbench.latency.scenarios=apply,reapply} narrows them, so
   * that a full run can skip e.g. kubectl's ~4-minute destroy in the slowed setting.
   */
  static final Set<String> LATENCY_CAPABLE = Set.of("apply", "reapply", "destroy", "faults");
  static final List<String> ALL_TOOLS = List.of("converge", "kubectl", "kpt", "fabric8", "poll-2s");

  private EngineBenchmarks() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path out = Path.of(args.length > 1 ? args[1] : "docs/BENCHMARKS.md");
    int configMaps = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int deployments = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    Set<String> wanted = listProperty("bench.tools", String.join(",", ALL_TOOLS));
    Set<String> scenarioKeys = listProperty("bench.scenarios", String.join(",", SCENARIOS.keySet()));
    List<Scenario> scenarios = SCENARIOS.entrySet().stream().filter(e -> scenarioKeys.contains(e.getKey()))
        .map(Map.Entry::getValue).toList();
    List<AddedLatency> latencies = listProperty("bench.latency", "0").stream().map(AddedLatency::parse)
        .sorted(Comparator.comparing(AddedLatency::delay)).toList();
    Set<Scenario> withLatency = listProperty("bench.latency.scenarios", String.join(",", LATENCY_CAPABLE))
        .stream().filter(LATENCY_CAPABLE::contains).map(SCENARIOS::get).collect(Collectors.toSet());
    Path root = Files.createTempDirectory("converge-bench-engine");
    SandboxOptions options = SandboxOptions.defaults().withControllers(true)
        .withControllerOptions(ControllerOptions.defaults().withPodStartDelay(POD_START));
    try (Sandbox sandbox = Sandbox.start(options);
        KubernetesClient admin = new KubernetesClientBuilder().withConfig(sandbox.clientConfig()).build()) {
      Path kubeconfig = root.resolve("kubeconfig");
      sandbox.writeKubeconfig(kubeconfig);
      Map<AddedLatency, EngineRun> runs = new LinkedHashMap<>();
      for (AddedLatency latency : latencies) {
        runs.put(latency, new EngineRun(sandbox, admin, root, configMaps, deployments, TIMEOUT,
            latency.none() ? "" : "-l" + latency.delay().toMillis()));
      }
      EngineRun first = runs.values().iterator().next();
      List<DeployTool> tools = tools(wanted, sandbox, kubeconfig, root);
      String kubectl = ToolVersions.kubectl(kubeconfig);
      String kpt = ToolVersions.kpt();
      Map<String, Double> elapsed = new LinkedHashMap<>();
      try {
        long warmUpStart = System.nanoTime();
        warmUp(first, tools);
        System.err.printf("warm-up: %.1f s%n", (System.nanoTime() - warmUpStart) / 1e9);
        for (int round = 1; round <= rounds; round++) {
          Ceiling.measure(first);
          List<DeployTool> order = new ArrayList<>(tools);
          Collections.rotate(order, -(round - 1));
          for (Map.Entry<AddedLatency, EngineRun> setting : runs.entrySet()) {
            for (Scenario scenario : scenarios) {
              if (!setting.getKey().none() && !withLatency.contains(scenario)) {
                continue;
              }
              for (DeployTool tool : order) {
                long start = System.nanoTime();
                try (AutoCloseable slowed = setting.getKey().install(sandbox)) {
                  scenario.run(setting.getValue(), tool, round);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                elapsed.merge(scenario.title(), seconds, Double::sum);
                System.err.printf("round %d/%d %s %s %s: %.1f s%n", round, rounds, setting.getKey().label(),
                    scenario.title(), tool.name(), seconds);
              }
            }
          }
          // after every round, so that an interrupted run still leaves the rounds it finished
          Map<AddedLatency, Samples> samples = new LinkedHashMap<>();
          runs.forEach((latency, run) -> samples.put(latency, run.samples));
          String report = EngineReport.render(first.samples, samples, tools.stream().map(DeployTool::name).toList(),
              scenarioKeys, new EngineReport.Setup(round, configMaps, deployments, POD_START.toMillis(), kubectl,
                  kpt, command(rounds, out, configMaps, deployments)));
          BenchmarkReport.writeSection(out, "engine", report);
          printElapsed(elapsed, round);
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

  private static Map<String, Scenario> scenarios() {
    Map<String, Scenario> all = new LinkedHashMap<>();
    all.put("apply", new ApplyScenario());
    all.put("reapply", new ReapplyScenario());
    all.put("destroy", new DestroyScenario());
    all.put("faults", new FaultedApplyScenario());
    // (3), (6), (7): each writes its own section, measured in-process only
    all.put("readiness", new ReadinessLatencyScenario());
    all.put("rollout", new RolloutScenario());
    all.put("cli", new CliScenario());
    return Collections.unmodifiableMap(all);
  }

  /** Wall time per scenario so far (every tool and setting), and per round, to plan longer runs. */
  static void printElapsed(Map<String, Double> elapsed, int rounds) {
    StringBuilder line = new StringBuilder("elapsed after round " + rounds + " (total; per round):");
    elapsed.forEach((title, s) -> line.append(String.format(" %s %.0f s; %.0f s,", title, s, s / rounds)));
    System.err.println(line.substring(0, line.length() - 1));
  }

  static Set<String> listProperty(String name, String defaults) {
    return Arrays.stream(System.getProperty(name, defaults).split(",")).map(String::trim)
        .filter(v -> !v.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static String command(int rounds, Path out, int configMaps, int deployments) {
    StringBuilder flags = new StringBuilder();
    for (String p : List.of("bench.tools", "bench.scenarios", "bench.latency", "bench.latency.scenarios")) {
      if (System.getProperty(p) != null) {
        flags.append("-D").append(p).append('=').append(System.getProperty(p)).append(' ');
      }
    }
    String env = flags.length() == 0 ? "" : "BENCH_JAVA_OPTS='" + flags.toString().trim() + "' ";
    return env + "bench/run.sh " + rounds + " engine` (runs `EngineBenchmarks " + rounds + " " + out + " "
        + configMaps + " " + deployments + "`)";
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
