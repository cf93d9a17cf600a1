package dev.converge.bench.engine;

import dev.converge.bench.BenchmarkReport;
import dev.converge.bench.RolloutBenchmarks;
import dev.converge.bench.ScriptedRollout;
import dev.converge.rollout.RolloutOperator;
import dev.converge.rollout.api.NodeDeployment;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * (6) The 50-node NodeDeployment rollout ({@link RolloutBenchmarks#rollout}) on the harness's
 * sandbox, and the heap the operator retains with 100 NodeDeployments. No peer tool knows this
 * custom resource; the fabric8 tool runs the peer users would script instead ({@link
 * ScriptedRollout}: the same StatefulSets, one node at a time, each waited for); the other tools
 * skip. Pods start instantly while it runs (as in RolloutBenchmarks), so that the figure is the
 * rollout's own overhead. Writes the "harness-rollout" section of docs/BENCHMARKS.md after every
 * round.
 */
final class RolloutScenario implements Scenario {
  /** A Namespace of 50 or 200 pods goes in a few seconds; longer means something is stuck. */
  static final Duration NAMESPACE_GONE = Duration.ofSeconds(60);

  /** The tool running {@link ScriptedRollout}. */
  static final String PEER = "fabric8";

  private final Set<String> warm = new HashSet<>();

  @Override
  public String title() {
    return "(6) 50-node rollout";
  }

  @Override
  public void run(EngineRun run, DeployTool tool, int round) throws Exception {
    boolean converge = EngineReport.CONVERGE.equals(tool.name());
    if (!converge && !PEER.equals(tool.name())) {
      return;
    }
    run.sandbox.controllers().podStartDelay(Duration.ZERO);
    try {
      if (warm.isEmpty()) {
        RolloutOperator.installCrd(run.admin);
      }
      if (warm.add(tool.name())) {
        measure(run, tool.name(), "rollout-warm-up-" + tool.name(), false);
      }
      measure(run, tool.name(), "rollout-" + tool.name() + "-r" + round, true);
      if (!converge) {
        run.samples.add("rollout.ok", tool.name(), 1);
        return;
      }
      String heapNs = "rollout-heap-r" + round;
      try {
        run.samples.add("rollout.heapMb", tool.name(), RolloutBenchmarks.heap(run.sandbox, run.admin, heapNs));
        run.samples.add("rollout.ok", tool.name(), 1);
      } finally {
        removeNamespace(run, heapNs);
      }
    } catch (Exception e) {
      System.err.printf("%s rollout failed: %s%n", tool.name(), e.getMessage());
      run.samples.add("rollout.ok", tool.name(), 0);
    } finally {
      run.sandbox.controllers().podStartDelay(EngineBenchmarks.POD_START);
      BenchmarkReport.writeSection(HarnessSections.out(), "harness-rollout", RolloutReport.render(run.samples, round));
    }
  }

  private static void measure(EngineRun run, String tool, String ns, boolean record) throws Exception {
    try {
      double[] m = EngineReport.CONVERGE.equals(tool) ? RolloutBenchmarks.rollout(run.sandbox, run.admin, ns)
          : ScriptedRollout.rollout(run.admin, ns);
      if (record) {
        run.samples.add("rollout.totalMs", tool, m[0]);
        run.samples.add("rollout.simulatedMs", tool, m[1]);
        run.samples.add("rollout.overheadMsPerNode", tool, m[2]);
      }
    } finally {
      // rollout() starts the Namespace's deletion; wait, so the next scenario starts on a quiet sandbox
      removeNamespace(run, ns);
    }
  }

  private static void removeNamespace(EngineRun run, String ns) {
    run.admin.namespaces().withName(ns).delete();
    // the operator is closed by now: nobody is left to remove its finalizer
    for (NodeDeployment nd : run.admin.resources(NodeDeployment.class).inNamespace(ns).list().getItems()) {
      if (!nd.getMetadata().getFinalizers().isEmpty()) {
        run.admin.resources(NodeDeployment.class).inNamespace(ns).withName(nd.getMetadata().getName())
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
      }
    }
    try {
      run.admin.namespaces().withName(ns)
          .waitUntilCondition(n -> n == null, NAMESPACE_GONE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      Namespace left = run.admin.namespaces().withName(ns).get();
      throw new IllegalStateException("Namespace " + ns + " not gone within " + NAMESPACE_GONE + ": "
          + (left == null || left.getStatus() == null ? "" : left.getStatus().getConditions()), e);
    }
  }
}
