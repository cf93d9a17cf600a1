package dev.converge.rollout.reliability;

import dev.converge.rollout.reliability.RolloutFaultMatrix.Cell;
import dev.converge.rollout.reliability.RolloutFaultMatrix.Outcome;
import dev.converge.rollout.reliability.RolloutFaultMatrix.Run;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Markdown of the operator campaign: the fault matrix, failovers and restarts tables. */
final class RolloutReport {

  private RolloutReport() {}

  static String section(List<List<Run>> matrix, List<LeaderFailover.Result> failovers,
      List<SandboxRestart.Result> restarts, int runs, Duration lease) {
    StringBuilder md = new StringBuilder();
    md.append("Reproduce: `reliability/rollout.sh ").append(runs).append("` (").append(runs)
        .append(" runs per cell; seeds fixed per cell, run *i* uses seed + *i*).\n\n")
        .append("| Injection (operator's client only) | Rate | Seed | Runs | Faults hit "
            + "| Completed | Failed, typed | Timed out | Inconsistent | Nodes replaced twice "
            + "| Duplicated StatefulSets | RolloutComplete events | Max time (s) |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    List<String> failures = new ArrayList<>();
    for (List<Run> cellRuns : matrix) {
      md.append(row(cellRuns.get(0).cell(), cellRuns)).append('\n');
      for (Run r : cellRuns) {
        if (r.outcome() != Outcome.COMPLETED) {
          failures.add("- " + r.cell().fault().description() + " @ " + percent(r.cell().rate())
              + ", run " + r.index() + ": **" + r.outcome() + "**: " + truncate(r.detail(), 300));
        }
      }
    }
    md.append("\nRuns that did not complete:\n\n")
        .append(failures.isEmpty() ? "- none\n" : String.join("\n", failures) + "\n");

    md.append("\n**Leader failover** (two replicas, lease ").append(lease.toSeconds())
        .append(" s, renew deadline 2/3 of it, retry period 1/5; the leader killed without"
            + " releasing the Lease: every request of its client answered 503 from then on):\n\n")
        .append("| Round | Follower writes while not leading | Kill to takeover (s) "
            + "| Last renewal to takeover (s) | Rollout completed by the new leader |\n")
        .append("|---|---|---|---|---|\n");
    for (int i = 0; i < failovers.size(); i++) {
      LeaderFailover.Result f = failovers.get(i);
      md.append(String.format(Locale.ROOT, "| %d | %d | %.2f | %.2f | %s |%n", i,
          f.followerWrites(), secs(f.sinceKill()), secs(f.sinceRenewal()),
          f.rolledOut() ? "yes" : "**no**"));
    }
    double maxRenewal = failovers.stream().mapToDouble(f -> secs(f.sinceRenewal())).max()
        .orElse(0);
    // The follower takes over when the record's renewTime + lease is past its clock, at its next
    // acquire attempt: those come every retry period plus up to 120 % jitter.
    md.append(String.format(Locale.ROOT, "%nWorst takeover after the last renewal: %.2f s "
        + "(bound: lease %d s + one jittered retry period, %.2f s).%n", maxRenewal,
        lease.toSeconds(), secs(lease.plus(LeaderFailover.maxPollPeriod(lease)))));

    md.append("\n**API server restart mid-rollout** (durable sandbox stopped once node 0 is on "
            + "v2, started again on the same port and data directory; the operator keeps "
            + "running):\n\n")
        .append("| Round | Completed | Restart to complete (s) | Nodes done before "
            + "| Replaced again | StatefulSets | RolloutStarted | RolloutComplete |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < restarts.size(); i++) {
      SandboxRestart.Result r = restarts.get(i);
      md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %d | %d | %d | %d | %d |%n", i,
          r.completed() ? "yes" : "**no**", secs(r.afterRestart()), r.nodesDoneBefore(),
          r.replacedAgain(), r.statefulSets(), r.started(), r.complete()));
    }
    return md.toString();
  }

  static String row(Cell cell, List<Run> runs) {
    long hits = runs.stream().mapToLong(Run::injected).sum();
    double max = runs.stream().mapToDouble(r -> secs(r.took())).max().orElse(0);
    String events = runs.stream().map(r -> Integer.toString(r.completeEvents())).distinct()
        .sorted().reduce((a, b) -> a + ", " + b).orElse("");
    return String.format(Locale.ROOT,
        "| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s | %.1f |",
        cell.fault().description(), percent(cell.rate()), cell.seed(), runs.size(), hits,
        count(runs, Outcome.COMPLETED), count(runs, Outcome.FAILED_TYPED),
        count(runs, Outcome.TIMED_OUT), count(runs, Outcome.INCONSISTENT),
        runs.stream().mapToInt(Run::replacedTwice).sum(),
        runs.stream().mapToInt(Run::extraStatefulSets).sum(), events, max);
  }

  private static long count(List<Run> runs, Outcome outcome) {
    return runs.stream().filter(r -> r.outcome() == outcome).count();
  }

  private static double secs(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static String percent(double rate) {
    return Math.round(rate * 100) + " %";
  }

  private static String truncate(String s, int max) {
    String oneLine = s.replace('\n', ' ').replace("|", "\\|");
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
  }
}
