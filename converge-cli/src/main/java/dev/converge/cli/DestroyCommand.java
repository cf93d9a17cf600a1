package dev.converge.cli;

import dev.converge.cli.render.Wording;
import dev.converge.engine.DeployOptions;
import dev.converge.engine.RunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** DestroyCommand deletes what manifests or an ApplySet name, in reverse order, until gone. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
    description = {"Delete the objects the manifests list, or every member of an ApplySet, in "
        + "reverse dependency order, waiting until each is gone (blocking finalizers are named).",
        "Exit codes: 0 all gone, 1 a delete FAILED, 2 invalid input or usage, 3 timed out, "
            + "4 cluster unreachable or unauthorized."})
final class DestroyCommand extends ClusterCommand {
  @Mixin
  ManifestOptions manifests;

  @Option(names = "--applyset", paramLabel = "NAME",
      description = "Delete every member of ApplySet NAME (in the default namespace), then its "
          + "parent; with -f, the listed objects first.")
  String applySet;

  @Mixin
  LockFlags lock;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
      converter = DurationConverter.class,
      description = "How long each delete may wait. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Override
  void checkUsage() {
    if (manifests.paths.isEmpty() && applySet == null) {
      throw new ParameterException(spec.commandLine(), "Give -f PATH... or --applyset NAME");
    }
    if (lock.problem() != null) {
      throw new ParameterException(spec.commandLine(), lock.problem());
    }
  }

  @Override
  List<Path> paths() {
    return manifests.paths;
  }

  @Override
  int run(Context context) {
    DeployOptions options = lock.applyTo(DeployOptions.DEFAULTS.withApplySet(applySet).withTimeout(timeout));
    RunReport report = context.set() == null
        ? context.engine().destroyApplySet(applySet, context.session().namespace(), options,
            context.output().progress())
        : context.engine().destroy(context.set(), options, context.output().progress());
    return context.output().finish(context.summary(report), Wording.DESTROY);
  }
}
