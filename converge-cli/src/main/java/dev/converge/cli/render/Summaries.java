package dev.converge.cli.render;

import dev.converge.engine.RunReport;
import dev.converge.engine.RunReport.ObjectReport;
import dev.converge.engine.manifest.ObjectKey;
import dev.converge.engine.manifest.Source;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Summaries turns the engine's {@link RunReport} into the CLI's report, in the action words issue 7
 * fixes: created, configured, unchanged, pruned, deleted, skipped.
 */
public final class Summaries {
  private Summaries() {}

  public static Summary of(RunReport report) {
    return of(report, key -> null);
  }

  /** With each object's manifest source, so text reports name file and document of a failure. */
  public static Summary of(RunReport report, Function<ObjectKey, @Nullable Source> sources) {
    Result result = switch (report.result()) {
      case SUCCESS -> Result.SUCCESS;
      case FAILED -> Result.FAILED;
      case TIMEOUT -> Result.TIMEOUT;
    };
    return new Summary(result, lines(report.objects(), sources), lines(report.pruned(), key -> null),
        report.duration().toMillis());
  }

  private static List<ObjectLine> lines(List<ObjectReport> reports, Function<ObjectKey, @Nullable Source> sources) {
    return reports.stream().map(o -> line(o, sources.apply(o.key()))).toList();
  }

  static ObjectLine line(ObjectReport o, @Nullable Source source) {
    String reason = o.reason();
    if (o.action() == RunReport.Action.ABSENT && reason.isEmpty()) {
      reason = "was already gone";
    }
    return new ObjectLine(o.apiVersion(), o.kind(), o.namespace(), o.name(), action(o.action()),
        o.status().name(), reason, o.duration().toMillis(), source == null ? null : source.toString());
  }

  /**
   * The engine's finer actions in the words: a recreated object is new (created); one a
   * destroy found gone is deleted; a write the server refused did not land (skipped, with status
   * FAILED and the reason); an object only looked at is unchanged.
   */
  static String action(RunReport.Action action) {
    return switch (action) {
      case CREATED, RECREATED -> "created";
      case CONFIGURED -> "configured";
      case UNCHANGED, OBSERVED -> "unchanged";
      case PRUNED -> "pruned";
      case DELETED, ABSENT -> "deleted";
      case FAILED, SKIPPED -> "skipped";
    };
  }
}
