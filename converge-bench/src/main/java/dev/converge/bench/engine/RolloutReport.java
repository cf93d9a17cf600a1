package dev.converge.bench.engine;

import dev.converge.bench.RolloutBenchmarks;
import java.util.List;

/** RolloutReport renders the "harness-rollout" section: scenario (6), converge and its scripted peer. */
final class RolloutReport {
  private RolloutReport() {}

  static String render(Samples s, int rounds) {
    String c = EngineReport.CONVERGE;
    List<Double> ok = s.get("rollout.ok", c);
    double overhead = Samples.median(s.get("rollout.overheadMsPerNode", c));
    double heap = Samples.median(s.get("rollout.heapMb", c));
    StringBuilder md = new StringBuilder("## (6) 50-node NodeDeployment rollout, engine harness (issue 9)\n\n");
    md.append(HarnessSections.measured(rounds)).append(" after one unmeasured warm-up rollout; the engine ")
        .append("harness's sandbox, between the other scenarios. A ").append(RolloutBenchmarks.NODES)
        .append("-node in-place rollout (v1 → v2) of one NodeDeployment, operator in-process, pods ready ")
        .append("instantly while it runs. Simulated time is what the sandbox's StatefulSet and pod controllers ")
        .append("spent (from watch events); overhead per node = (total − simulated) / nodes. Heap: used heap ")
        .append("after GC with the operator owning ").append(RolloutBenchmarks.FLEETS)
        .append(" NodeDeployments × 2 nodes, minus after it is closed.\n")
        .append("Peer: no other tool rolls out this custom resource; fabric8 runs what users script ")
        .append("without the operator (`ScriptedRollout`): the operator's own StatefulSets (one replica, OnDelete) ")
        .append("in a fresh Namespace, rolled one node at a time, per node server-side apply v2, wait until the ")
        .append("StatefulSet controller observed it, delete the pod, wait until its replacement runs ready on the ")
        .append("update revision; the v1 fleet is set up untimed.\n")
        .append("Command: `").append(HarnessSections.command(rounds)).append("`.\n\n")
        .append("| metric | median (min–max) | target | met |\n|---|---|---|---|\n")
        .append("| total rollout time (ms) | ").append(HarnessSections.range(s.get("rollout.totalMs", c)))
        .append(" | | |\n| simulated time (ms) | ").append(HarnessSections.range(s.get("rollout.simulatedMs", c)))
        .append(" | | |\n| controller overhead per node (ms) | ")
        .append(HarnessSections.range(s.get("rollout.overheadMsPerNode", c))).append(" | ≤ ")
        .append(EngineReport.fmt(RolloutBenchmarks.MAX_OVERHEAD_MS_PER_NODE)).append(" | ")
        .append(overhead <= RolloutBenchmarks.MAX_OVERHEAD_MS_PER_NODE ? "met" : "NOT met")
        .append(" |\n| operator heap, ").append(RolloutBenchmarks.FLEETS).append(" NodeDeployments (MB) | ")
        .append(HarnessSections.range(s.get("rollout.heapMb", c))).append(" | ≤ ")
        .append(EngineReport.fmt(RolloutBenchmarks.MAX_HEAP_MB)).append(" | ")
        .append(heap <= RolloutBenchmarks.MAX_HEAP_MB ? "met" : "NOT met").append(" |\n")
        .append("| rounds succeeded | ").append((int) ok.stream().mapToDouble(Double::doubleValue).sum())
        .append('/').append(ok.size()).append(" | | |\n");
    peer(md, s);
    return md.toString();
  }

  private static void peer(StringBuilder md, Samples s) {
    double base = Samples.median(s.get("rollout.totalMs", EngineReport.CONVERGE));
    md.append("\n| tool | total rollout time (ms), median (min–max) | overhead per node (ms) | rounds succeeded ")
        .append("| tool / converge |\n|---|---|---|---|---|\n");
    for (String t : List.of(EngineReport.CONVERGE, RolloutScenario.PEER)) {
      List<Double> ok = s.get("rollout.ok", t);
      double total = Samples.median(s.get("rollout.totalMs", t));
      md.append("| ").append(t.equals(RolloutScenario.PEER) ? "fabric8 script" : t).append(" | ")
          .append(HarnessSections.range(s.get("rollout.totalMs", t))).append(" | ")
          .append(HarnessSections.range(s.get("rollout.overheadMsPerNode", t))).append(" | ")
          .append((int) ok.stream().mapToDouble(Double::doubleValue).sum()).append('/').append(ok.size())
          .append(" | ").append(base > 0 && !Double.isNaN(total) ? EngineReport.fmt(total / base) + "×" : "n/a")
          .append(" |\n");
    }
  }
}
