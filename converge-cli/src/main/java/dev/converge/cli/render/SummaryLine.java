package dev.converge.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * SummaryLine says in one line how a run ended: {@code Converged 12 objects in 3.1s (9 created,
 * 3 unchanged)}; when it did not, the lines after it name each object that failed or is not
 * ready, with why.
 */
public final class SummaryLine {
  private static final List<String> ACTIONS =
      List.of("created", "configured", "unchanged", "deleted", "skipped");

  private SummaryLine() {}

  public static List<String> of(Summary summary, Wording wording) {
    List<String> lines = new ArrayList<>();
    String took = TableFormat.duration(java.time.Duration.ofMillis(summary.durationMs()));
    int n = summary.objects().size();
    String head = switch (summary.result()) {
      case SUCCESS -> wording.done() + " " + n + plural(n) + " in " + took;
      case FAILED -> "FAILED after " + took + ": " + count(summary, o -> "FAILED".equals(o.status())) + " of " + n
          + plural(n) + " failed";
      case TIMEOUT -> wording.notDone() + " after " + took + ": " + count(summary,
          o -> !wording.goal().equals(o.status())) + " of " + n + plural(n) + " not "
          + ("NOT_FOUND".equals(wording.goal()) ? "gone" : "ready");
      case INVALID -> "INVALID: nothing was written";
    };
    lines.add(head + counts(summary));
    for (ObjectLine o : summary.objects()) {
      if (!wording.goal().equals(o.status()) && !o.reason().isEmpty()) {
        String reason = TableFormat.oneLine(o.reason());
        // readiness one-liners start with the status already
        lines.add("  " + o.describe() + (o.source() == null ? "" : " (" + o.source() + ")") + ": "
            + (reason.startsWith(o.status()) ? "" : o.status() + ": ") + reason);
      }
    }
    return lines;
  }

  private static long count(Summary summary, Predicate<ObjectLine> which) {
    return summary.objects().stream().filter(which).count();
  }

  private static String counts(Summary summary) {
    List<String> parts = new ArrayList<>();
    for (String action : ACTIONS) {
      long c = summary.count(action);
      if (c > 0) {
        parts.add(c + " " + action);
      }
    }
    if (!summary.pruned().isEmpty()) {
      parts.add(summary.pruned().size() + " pruned");
    }
    return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
  }

  private static String plural(long n) {
    return n == 1 ? " object" : " objects";
  }
}
