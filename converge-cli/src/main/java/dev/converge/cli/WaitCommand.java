package dev.converge.cli;

import dev.converge.cli.render.Wording;
import dev.converge.core.status.wait.Goal;
import dev.converge.engine.RunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** WaitCommand waits, without writing, until the listed objects are ready or deleted. */
@Command(name = "wait", mixinStandardHelpOptions = true,
    description = {"Wait until every object the manifests list is ready (CURRENT) or deleted; "
        + "writes nothing.",
        "Exit codes: 0 reached, 1 an object FAILED, 2 invalid input or usage, 3 timed out, "
            + "4 cluster unreachable or unauthorized."})
final class WaitCommand extends ClusterCommand {
  /** {@code --for} values. */
  enum Condition { current, deleted }

  @Mixin
  ManifestOptions manifests;

  @Option(names = "--for", paramLabel = "CONDITION", defaultValue = "current",
      description = "current or deleted. Default: ${DEFAULT-VALUE}.")
  Condition condition;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
      converter = DurationConverter.class,
      description = "How long to wait. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

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
    Goal goal = condition == Condition.deleted ? Goal.DELETED : Goal.READY;
    RunReport report = context.engine().await(context.set(), goal, timeout, context.output().progress());
    return context.output().finish(context.summary(report), goal == Goal.READY ? Wording.WAIT_CURRENT : Wording.WAIT_DELETED);
  }
}
