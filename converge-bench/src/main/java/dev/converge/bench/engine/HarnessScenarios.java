package dev.converge.bench.engine;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import dev.converge.sandbox.controllers.ControllerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HarnessScenarios runs only the scenarios that do not deploy the engine's set, (3) readiness
 * detection latency, (6) the 50-node rollout and (7) CLI cold start, on a sandbox set up as EngineBenchmarks sets up
 * its own, with the tools in alternation; each writes its own section of docs/BENCHMARKS.md.
 * EngineBenchmarks runs the same scenarios as part of the full run; this entry point regenerates
 * their sections without the minutes the deploying scenarios take.
 *
 * <p>Usage: {@code HarnessScenarios [rounds=5] [out=docs/BENCHMARKS.md]}; {@code -Dbench.tools=...}
 * and {@code -Dbench.scenarios=...} (of {@link #KEYS}) as for EngineBenchmarks.
 */
public final class HarnessScenarios {
  /** Keys of {@link EngineBenchmarks#SCENARIOS} that run here, in running order. */
  static final List<String> KEYS = List.of("readiness", "rollout", "cli");

  private HarnessScenarios() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path out = Path.of(args.length > 1 ? args[1] : "docs/BENCHMARKS.md");
    System.setProperty("bench.out", out.toString());
    System.setProperty("bench.command", System.getProperty("bench.command", "bench/run.sh " + rounds + " harness"));
    Set<String> keys = EngineBenchmarks.listProperty("bench.scenarios", String.join(",", KEYS));
    List<Scenario> scenarios = KEYS.stream().filter(keys::contains).map(EngineBenchmarks.SCENARIOS::get).toList();
    List<String> names = List.of(System.getProperty("bench.tools", String.join(",", EngineBenchmarks.ALL_TOOLS))
        .split(","));
    Path root = Files.createTempDirectory("converge-bench-harness");
    SandboxOptions options = SandboxOptions.defaults().withControllers(true)
        .withControllerOptions(ControllerOptions.defaults().withPodStartDelay(EngineBenchmarks.POD_START));
    try (Sandbox sandbox = Sandbox.start(options);
        KubernetesClient admin = new KubernetesClientBuilder().withConfig(sandbox.clientConfig()).build()) {
      sandbox.writeKubeconfig(root.resolve("kubeconfig"));
      EngineRun run = new EngineRun(sandbox, admin, root, 0, 0, EngineBenchmarks.TIMEOUT);
      List<DeployTool> tools = names.stream().map(String::trim).<DeployTool>map(Named::new).toList();
      Map<String, Double> elapsed = new LinkedHashMap<>();
      for (int round = 1; round <= rounds; round++) {
        List<DeployTool> order = new ArrayList<>(tools);
        Collections.rotate(order, -(round - 1));
        for (Scenario scenario : scenarios) {
          for (DeployTool tool : order) {
            long start = System.nanoTime();
            scenario.run(run, tool, round);
            double seconds = (System.nanoTime() - start) / 1e9;
            elapsed.merge(scenario.title(), seconds, Double::sum);
            System.err.printf("round %d/%d %s %s: %.1f s%n", round, rounds, scenario.title(), tool.name(), seconds);
          }
        }
        EngineBenchmarks.printElapsed(elapsed, round);
      }
    }
    // JOSDK's scheduled executor (a non-daemon pool) outlives the rollout operator's stop
    System.exit(0);
  }

  /** A tool known by name only: these scenarios wait or observe in the tool's way themselves. */
  private record Named(String name) implements DeployTool {
    @Override
    public void apply(DeploySet set) {
      throw new UnsupportedOperationException(name + ": HarnessScenarios does not deploy sets");
    }

    @Override
    public void destroy(DeploySet set) {
      throw new UnsupportedOperationException(name + ": HarnessScenarios does not deploy sets");
    }
  }
}
