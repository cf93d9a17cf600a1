package dev.converge.bench.engine;

import dev.converge.sandbox.faults.RequestRecord;
import java.util.Map;

/** (2) No-op re-apply of the set the apply scenario left, waits included. */
final class ReapplyScenario implements Scenario {
  @Override
  public String title() {
    return "(2) no-op re-apply";
  }

  @Override
  public void run(EngineRun run, DeployTool tool, int round) throws Exception {
    DeploySet set = run.live(tool).orElse(null);
    if (set == null) {
      return;
    }
    Map<RequestRecord, Long> before = RequestTally.snapshot(run.sandbox.requests());
    try {
      double seconds = Timed.seconds(() -> tool.apply(set));
      run.requireReady(set);
      RequestTally tally = RequestTally.between(before, RequestTally.snapshot(run.sandbox.requests()));
      run.samples.add("reapply.s", tool.name(), seconds);
      run.samples.add("reapply.writesPerObject", tool.name(), tally.writes() / (double) set.objects());
      run.samples.add("reapply.ok", tool.name(), 1);
    } catch (Exception e) {
      System.err.printf("%s re-apply failed: %s%n", tool.name(), e.getMessage());
      run.samples.add("reapply.ok", tool.name(), 0);
    }
  }
}
