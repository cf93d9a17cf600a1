package dev.converge.bench.engine;

/** (5) Destroy of the set, its Namespace included, until the Namespace is gone. */
final class DestroyScenario implements Scenario {
  @Override
  public String title() {
    return "(5) destroy";
  }

  @Override
  public void run(EngineRun run, DeployTool tool, int round) throws Exception {
    DeploySet set = run.live(tool).orElse(null);
    if (set == null) {
      return;
    }
    run.forget(tool);
    try {
      double seconds = Timed.seconds(() -> tool.destroy(set));
      run.requireGone(set);
      run.samples.add("destroy.s", tool.name(), seconds);
      run.samples.add("destroy.ok", tool.name(), 1);
    } catch (Exception e) {
      System.err.printf("%s destroy failed: %s%n", tool.name(), e.getMessage());
      run.samples.add("destroy.ok", tool.name(), 0);
      run.removeNamespace(set);
    }
  }
}
