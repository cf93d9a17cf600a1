package dev.converge.bench.engine;

/**
 * Scenario measures one thing for one tool in one round and adds its samples to the run. The
 * harness runs each scenario for every tool in turn (the order rotating by round) before the next
 * scenario, so all tools see the same sandbox state and load. A failure is a sample too
 * (success 0), never an abort.
 */
interface Scenario {
  /** Heading of the scenario in the report, e.g. "(1) apply + wait". */
  String title();

  void run(EngineRun run, DeployTool tool, int round) throws Exception;
}
