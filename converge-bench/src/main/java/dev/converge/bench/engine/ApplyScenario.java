package dev.converge.bench.engine;

import dev.converge.sandbox.faults.RequestRecord;
import java.util.Map;

/**
 * (1) Apply + wait until CURRENT of the whole set into a fresh Namespace, and (8) the API requests
 * the tool made for it per object. The set stays for the re-apply and destroy scenarios.
 */
final class ApplyScenario implements Scenario {
  @Override
  public String title() {
    return "(1) apply + wait";
  }

  @Override
  public void run(EngineRun run, DeployTool tool, int round) throws Exception {
    DeploySet set = run.newSet(tool.name() + "-r" + round);
    tool.prepare(set);
    Map<RequestRecord, Long> before = RequestTally.snapshot(run.sandbox.requests());
    double seconds;
    try {
      seconds = Timed.seconds(() -> tool.apply(set));
      run.requireReady(set);
    } catch (Exception e) {
      System.err.printf("%s apply failed: %s%n", tool.name(), e.getMessage());
      run.samples.add("apply.ok", tool.name(), 0);
      run.removeNamespace(set);
      return;
    }
    RequestTally tally = RequestTally.between(before, RequestTally.snapshot(run.sandbox.requests()));
    run.samples.add("apply.ok", tool.name(), 1);
    run.samples.add("apply.s", tool.name(), seconds);
    run.samples.add("apply.writesPerObject", tool.name(), tally.writes() / (double) set.objects());
    run.samples.add("apply.requestsPerObject", tool.name(), tally.total() / (double) set.objects());
    run.samples.add("apply.requestsPerSec", tool.name(), tally.total() / seconds);
    run.keep(tool, set);
  }
}
