package dev.converge.bench.engine;

import dev.converge.sandbox.faults.FaultHandle;
import dev.converge.sandbox.faults.RequestRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * (4) Apply + wait into a fresh Namespace while about 20 % of the writes to its ConfigMaps and
 * Deployments fail transiently: three rules of 7.2 % each (1 − 0.928³ ≈ 20 %), answering 503, 429
 * with Retry-After: 1, or resetting the connection before the request is handled. Seeds are fixed,
 * so each tool meets the same sequence of decisions. Records success and time; the Namespace is
 * deleted afterwards, unmeasured (an inventory the tool left in {@code default} stays).
 */
final class FaultedApplyScenario implements Scenario {
  static final double PER_RULE = 0.072;

  @Override
  public String title() {
    return "(4) apply under 20 % transient write faults";
  }

  /**
   * The tools write with create and patch (server-side or client-side apply); the simulated
   * controllers use update on these paths (the Deployment revision annotation), so they are spared.
   */
  static List<String> rules(String namespace) {
    String match = "verb=create|patch,path=regex:^/(api/v1|apis/apps/v1)/namespaces/" + namespace
        + "/(configmaps|deployments)(/[^/]+)?$,probability=" + PER_RULE;
    return List.of(match + ",status=503,seed=11", match + ",retry-after=1,seed=12", match + ",reset,seed=13");
  }

  @Override
  public void run(EngineRun run, DeployTool tool, int round) throws Exception {
    DeploySet set = run.newSet(tool.name() + "-f" + round);
    tool.prepare(set);
    List<FaultHandle> faults = new ArrayList<>();
    rules(set.namespace()).forEach(r -> faults.add(run.sandbox.faults().add(r)));
    Map<RequestRecord, Long> before = RequestTally.snapshot(run.sandbox.requests());
    try {
      double seconds = Timed.seconds(() -> tool.apply(set));
      run.requireReady(set);
      RequestTally tally = RequestTally.between(before, RequestTally.snapshot(run.sandbox.requests()));
      run.samples.add("faults.ok", tool.name(), 1);
      run.samples.add("faults.s", tool.name(), seconds);
      run.samples.add("faults.writesPerObject", tool.name(), tally.writes() / (double) set.objects());
    } catch (Exception e) {
      System.err.printf("%s apply under faults failed: %s%n", tool.name(), firstLine(e.getMessage()));
      run.samples.add("faults.ok", tool.name(), 0);
    } finally {
      faults.forEach(run.sandbox.faults()::remove);
    }
    // not the tool's destroy: kubectl's takes minutes and is measured in (5) already
    run.removeNamespace(set);
  }

  static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
