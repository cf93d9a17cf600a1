package dev.converge.rollout.reliability;

import dev.converge.rollout.reliability.RolloutFaultMatrix.Cell;
import dev.converge.rollout.reliability.RolloutFaultMatrix.Run;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;

/**
 * Re-runs one run of the campaign's fault matrix with its seed, a few times, on a fresh sandbox;
 * with {@code campaign}, after every run the campaign makes before it on the same sandbox. Prints
 * one line per run. Through {@code reliability/rollout-row.sh FAULT RATE RUN [REPS] [campaign]},
 * e.g. {@code REFUSED 0.3 3 5} for "connections refused for 300 ms @ 30 %, run 3".
 */
public final class RolloutRow {
  /** Runs per cell of {@code reliability/rollout.sh} at its default. */
  static final int CAMPAIGN_RUNS = 5;

  private RolloutRow() {}

  public static void main(String[] args) {
    RolloutFault fault = RolloutFault.valueOf(args[0]);
    double rate = Double.parseDouble(args[1]);
    int index = Integer.parseInt(args[2]);
    int reps = args.length > 3 ? Integer.parseInt(args[3]) : CAMPAIGN_RUNS;
    boolean before = args.length > 4 && args[4].equals("campaign");
    long seed = RolloutCampaign.seed(fault, rate);
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(true));
        RolloutFaultMatrix m = new RolloutFaultMatrix(sandbox.clientConfig(), sandbox.faults(),
            "rc")) {
      if (before) {
        outer:
        for (RolloutFault f : RolloutFault.values()) {
          for (double r : RolloutCampaign.RATES) {
            Cell cell = new Cell(f, r, CAMPAIGN_RUNS, RolloutCampaign.seed(f, r));
            for (int i = 0; i < CAMPAIGN_RUNS; i++) {
              if (f == fault && r == rate && i == index) {
                break outer;
              }
              Run run = m.runOnce(cell, i);
              System.out.println(f + " " + r + " run " + i + ": " + run.outcome() + " took "
                  + run.took().toMillis() + " ms : " + run.detail());
            }
          }
        }
      }
      for (int i = 0; i < reps; i++) {
        Run r = m.runOnce(new Cell(fault, rate, index + 1, seed), index);
        System.out.println("rep " + i + ": " + r.outcome() + " took " + r.took().toMillis()
            + " ms, faults hit " + r.injected() + ", RolloutComplete events "
            + r.completeEvents() + (r.detail().isEmpty() ? "" : ": " + r.detail()));
      }
    }
    // Closed operators leave an idle non-daemon pool thread behind, as in RolloutCampaign.
    System.exit(0);
  }
}
