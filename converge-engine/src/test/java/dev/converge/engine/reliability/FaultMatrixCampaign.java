package dev.converge.engine.reliability;

import dev.converge.engine.reliability.FaultMatrix.Cell;
import dev.converge.engine.reliability.FaultMatrix.Operation;
import dev.converge.engine.reliability.FaultMatrix.Outcome;
import dev.converge.engine.reliability.FaultMatrix.Run;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The full fault-matrix campaign: apply and destroy, every {@link FaultKind}, at 10 % and 30 %,
 * each cell repeated with fixed seeds, on a fresh sandbox with controllers. Rewrites the fault
 * matrix section of docs/RELIABILITY.md. Run through {@code reliability/run.sh [runs]}.
 */
public final class FaultMatrixCampaign {

  static final double[] RATES = {0.1, 0.3};
  static final String BEGIN = "<!-- fault-matrix:begin -->";
  static final String END = "<!-- fault-matrix:end -->";

  private FaultMatrixCampaign() {}

  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path doc = Path.of(args.length > 1 ? args[1] : "docs/RELIABILITY.md");
    List<List<Run>> results = new ArrayList<>();
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(true));
        FaultMatrix matrix = new FaultMatrix(sandbox.clientConfig(), sandbox.faults(), "c")) {
      for (Operation op : Operation.values()) {
        for (FaultKind fault : FaultKind.values()) {
          for (double rate : RATES) {
            long seed = 1000L * (op.ordinal() + 1) + 10L * fault.ordinal() + Math.round(rate * 10);
            Cell cell = new Cell(op, fault, rate, runs, seed);
            List<Run> cellRuns = matrix.run(cell);
            results.add(cellRuns);
            System.out.println(row(cell, cellRuns));
          }
        }
      }
    }
    String section = section(results, runs);
    String text = Files.exists(doc) ? Files.readString(doc) : BEGIN + "\n" + END + "\n";
    int b = text.indexOf(BEGIN);
    int e = text.indexOf(END);
    if (b < 0 || e < b) {
      throw new IllegalStateException(doc + " lacks the markers " + BEGIN + " ... " + END);
    }
    Files.writeString(doc, text.substring(0, b + BEGIN.length()) + "\n" + section + text.substring(e));
    System.out.println("wrote " + doc);
  }

  static String section(List<List<Run>> results, int runs) {
    StringBuilder md = new StringBuilder();
    md.append("Reproduce: `reliability/run.sh ").append(runs).append("` (").append(runs)
        .append(" runs per cell; seeds fixed per cell, run *i* uses seed + *i*).\n\n")
        .append("| Operation | Injection | Rate | Seed | Runs | Faults hit | Converged | Failed, typed "
            + "| Failed, untyped | Inconsistent | Lost | Duplicated | Wrongly pruned | Max time (s) |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    List<String> failures = new ArrayList<>();
    int secretLeaks = 0;
    for (List<Run> cellRuns : results) {
      md.append(row(cellRuns.get(0).cell(), cellRuns)).append('\n');
      for (Run r : cellRuns) {
        if (r.outcome() != Outcome.CONVERGED) {
          failures.add("- " + r.cell().operation() + " / " + r.cell().fault().description() + " @ "
              + percent(r.cell().rate()) + ", run " + r.index() + ": **" + r.outcome() + "**: "
              + truncate(r.detail(), 300));
        }
        if (r.detail().contains("planted-")) {
          secretLeaks++;
        }
      }
    }
    md.append("\nPlanted Secret values found in any failure message: ").append(secretLeaks).append(".\n");
    md.append("\nRuns that did not converge (each re-run without faults converged unless marked"
        + " INCONSISTENT):\n\n");
    md.append(failures.isEmpty() ? "- none\n" : String.join("\n", failures) + "\n");
    return md.toString();
  }

  static String row(Cell cell, List<Run> runs) {
    long converged = count(runs, Outcome.CONVERGED);
    long typed = count(runs, Outcome.FAILED_TYPED);
    long untyped = count(runs, Outcome.FAILED_UNTYPED) + count(runs, Outcome.OVER_DEADLINE);
    long inconsistent = count(runs, Outcome.INCONSISTENT);
    long lost = runs.stream().mapToLong(r -> r.audit().lost().size()).sum();
    long duplicated = runs.stream().mapToLong(r -> r.audit().extra().size() + r.audit().recreated().size()).sum();
    long wronglyPruned = runs.stream().mapToLong(r -> r.audit().bystandersMissing().size()).sum();
    long hits = runs.stream().mapToLong(Run::injected).sum();
    double max = runs.stream().mapToDouble(r -> r.took().toMillis() / 1000.0).max().orElse(0);
    return String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.1f |",
        cell.operation().name().toLowerCase(Locale.ROOT), cell.fault().description(), percent(cell.rate()),
        cell.seed(), runs.size(), hits, converged, typed, untyped, inconsistent, lost, duplicated,
        wronglyPruned, max);
  }

  private static long count(List<Run> runs, Outcome outcome) {
    return runs.stream().filter(r -> r.outcome() == outcome).count();
  }

  private static String percent(double rate) {
    return Math.round(rate * 100) + " %";
  }

  private static String truncate(String s, int max) {
    String oneLine = s.replace('\n', ' ').replace("|", "\\|");
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
  }
}
