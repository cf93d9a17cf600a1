package dev.converge.cli;

import dev.converge.cli.render.Wording;
import dev.converge.core.status.ReadinessOptions;
import dev.converge.engine.DeployOptions;
import dev.converge.engine.RunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** ApplyCommand applies manifests in dependency order, waits until they are ready and prunes. */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {"Apply manifests (server-side apply, in dependency order), wait until every "
        + "object is ready, and prune what an ApplySet no longer lists.",
        "Exit codes: 0 converged, 1 an object FAILED, 2 invalid input or usage (nothing written), "
            + "3 timed out, 4 cluster unreachable or unauthorized; 1 also when another run held "
            + "the ApplySet's lock for all of --lock-timeout (nothing written)."})
final class ApplyCommand extends ClusterCommand {
  @Mixin
  ManifestOptions manifests;

  @Option(names = "--applyset", paramLabel = "NAME",
      description = "Record the applied objects in ApplySet NAME (a Secret in the default "
          + "namespace), as kubectl apply --applyset does.")
  String applySet;

  @Option(names = "--prune",
      description = "After a successful apply, delete the ApplySet's members the manifests no "
          + "longer list. Needs --applyset.")
  boolean prune;

  @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Wait until every object is ready (--no-wait: return once applied). "
          + "Default: wait.")
  boolean waitForReady;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
      converter = DurationConverter.class,
      description = "How long the wait may take, e.g. 90s, 5m. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Mixin
  LockFlags lock;

  @Option(names = "--status-grace", paramLabel = "DURATION", defaultValue = "20s",
      converter = DurationConverter.class,
      description = "How long a custom resource whose kind has a status subresource may go without "
          + "any status before it counts as ready by existing (no controller for it is installed). "
          + "Default: ${DEFAULT-VALUE}.")
  Duration statusGrace;

  @Option(names = "--force-conflicts",
      description = "Take ownership of fields other field managers own instead of failing.")
  boolean forceConflicts;

  @Option(names = "--recreate-on-immutable",
      description = "Delete and recreate an object whose immutable field changed.")
  boolean recreateOnImmutable;

  @Option(names = "--dry-run", paramLabel = "server", arity = "0..1", fallbackValue = "server",
      description = "server: send every write as a server-side dry run; nothing is stored.")
  String dryRun;

  @Override
  void checkUsage() {
    if (manifests.paths.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--filename=PATH'");
    }
    if (prune && applySet == null) {
      throw new ParameterException(spec.commandLine(),
          "--prune needs --applyset NAME: without an ApplySet there is no telling which objects are ours");
    }
    if (dryRun != null && !"server".equals(dryRun)) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--dry-run': '" + dryRun + "' (expected: server)");
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
    DeployOptions options = lock.applyTo(DeployOptions.DEFAULTS.withApplySet(applySet).withPrune(prune)
        .withWait(waitForReady).withTimeout(timeout).withForce(forceConflicts)
        .withRecreateOnImmutable(recreateOnImmutable).withDryRunServer(dryRun != null)
        .withReadiness(ReadinessOptions.DEFAULTS.withStatusGrace(statusGrace)));
    RunReport report = context.engine().apply(context.set(), options, context.output().progress());
    return context.output().finish(context.summary(report), dryRun != null ? Wording.DRY_RUN
        : waitForReady ? Wording.APPLY : Wording.APPLY_NO_WAIT);
  }
}
