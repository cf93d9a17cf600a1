package dev.converge.rollout.reliability;

import dev.converge.rollout.RolloutOperator;
import dev.converge.rollout.reliability.RolloutFaultMatrix.Cell;
import dev.converge.rollout.reliability.RolloutFaultMatrix.Outcome;
import dev.converge.rollout.reliability.RolloutFaultMatrix.Run;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The operator's full reliability campaign (issue 10): the rollout fault matrix (every {@link
 * RolloutFault} at 10 % and 30 %, each cell repeated with fixed seeds), leader failovers and
 * sandbox restarts mid-rollout, on fresh sandboxes with controllers. Rewrites the operator section
 * of docs/RELIABILITY.md. Run through {@code reliability/rollout.sh [runs]}.
 */
public final class RolloutCampaign {

  static final double[] RATES = {0.1, 0.3};
  static final Duration LEASE = Duration.ofSeconds(3);
  static final String BEGIN = "<!-- rollout-matrix:begin -->";
  static final String END = "<!-- rollout-matrix:end -->";

  private RolloutCampaign() {}

  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path doc = Path.of(args.length > 1 ? args[1] : "docs/RELIABILITY.md");
    List<List<Run>> matrix = new ArrayList<>();
    List<LeaderFailover.Result> failovers = new ArrayList<>();
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(true));
        RolloutFaultMatrix m = new RolloutFaultMatrix(sandbox.clientConfig(), sandbox.faults(),
            "rc")) {
      for (RolloutFault fault : RolloutFault.values()) {
        for (double rate : RATES) {
          Cell cell = new Cell(fault, rate, runs, seed(fault, rate));
          List<Run> cellRuns = m.run(cell);
          matrix.add(cellRuns);
          System.out.println(row(cell, cellRuns));
          cellRuns.stream().filter(r -> r.outcome() != Outcome.COMPLETED)
              .forEach(r -> System.out.println("  run " + r.index() + ": " + r.outcome() + ": "
                  + r.detail()));
        }
      }
      for (int i = 0; i < runs; i++) {
        LeaderFailover.Result r = LeaderFailover.run(sandbox.clientConfig(), sandbox.faults(),
            sandbox.requests(), "lf" + i, LEASE);
        failovers.add(r);
        System.out.println("failover " + i + ": " + r);
      }
    }
    List<SandboxRestart.Result> restarts = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      SandboxRestart.Result r = SandboxRestart.run(Files.createTempDirectory("rollout-restart"));
      restarts.add(r);
      System.out.println("restart " + i + ": " + r);
    }
    String section = RolloutReport.section(matrix, failovers, restarts, runs, LEASE);
    String text = Files.exists(doc) ? Files.readString(doc) : BEGIN + "\n" + END + "\n";
    int b = text.indexOf(BEGIN);
    int e = text.indexOf(END);
    if (b < 0 || e < b) {
      throw new IllegalStateException(doc + " lacks the markers " + BEGIN + " ... " + END);
    }
    Files.writeString(doc, text.substring(0, b + BEGIN.length()) + "\n" + section
        + text.substring(e));
    System.out.println("wrote " + doc);
    // Closed operators leave an idle non-daemon pool thread behind (JOSDK or fabric8); do not
    // wait for it.
    System.exit(0);
  }

  /** The first seed of a cell; run i uses seed + i. */
  static long seed(RolloutFault fault, double rate) {
    return 5000L + 10L * fault.ordinal() + Math.round(rate * 10);
  }

  static String row(Cell cell, List<Run> runs) {
    return RolloutReport.row(cell, runs);
  }

  static KubernetesClient admin(Sandbox sandbox) {
    KubernetesClient c = new KubernetesClientBuilder().withConfig(sandbox.clientConfig()).build();
    RolloutOperator.installCrd(c);
    return c;
  }
}
