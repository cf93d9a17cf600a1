package dev.converge.cli;

import dev.converge.cli.render.ObjectLine;
import dev.converge.cli.render.Output;
import dev.converge.cli.render.Row;
import dev.converge.cli.render.Wording;
import dev.converge.cli.render.Summary;
import dev.converge.cli.render.TableFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** StatusCommand shows the readiness of each listed object now, without waiting or writing. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show the readiness of every object the manifests list, now; writes nothing.",
        "Exit codes: 0 all CURRENT, 1 an object FAILED, 2 invalid input or usage, 3 some not "
            + "ready yet, 4 cluster unreachable or unauthorized."})
final class StatusCommand extends ClusterCommand {
  @Mixin
  ManifestOptions manifests;

  @Override
  void checkUsage() {
    if (manifests.paths.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--filename=PATH'");
    }
  }

  @Override
  List<Path> paths() {
    return manifests.paths;
  }

  @Override
  int run(Context context) {
    Summary summary = context.summary(context.engine().status(context.set()));
    Output out = context.output();
    if (out.mode() != Output.Mode.JSON) {
      List<Row> rows = summary.objects().stream().map(StatusCommand::row).toList();
      TableFormat.lines(rows, Integer.MAX_VALUE, false).forEach(line -> out.print(line + System.lineSeparator()));
    }
    return out.finish(summary, Wording.STATUS);
  }

  private static Row row(ObjectLine o) {
    // a status only looks: no action column worth showing
    return new Row(o.describe(), "-", o.status(), o.reason(), Duration.ZERO, true);
  }
}
