package dev.converge.cli;

import dev.converge.cli.cluster.ClusterOptions;
import dev.converge.cli.cluster.ClusterSession;
import dev.converge.cli.cluster.ClusterUnavailableException;
import dev.converge.cli.render.ExitCodes;
import dev.converge.cli.render.JsonReport;
import dev.converge.cli.render.Output;
import dev.converge.cli.render.Redactor;
import dev.converge.cli.render.Summaries;
import dev.converge.cli.render.Summary;
import dev.converge.core.errors.ConvergeException;
import dev.converge.core.errors.ForbiddenException;
import dev.converge.core.errors.NetworkException;
import dev.converge.core.errors.TlsException;
import dev.converge.core.errors.UnauthorizedException;
import dev.converge.engine.Engine;
import dev.converge.engine.ManifestSet;
import dev.converge.engine.RunReport;
import dev.converge.engine.destroy.EmptySetException;
import dev.converge.engine.inventory.ForeignApplySetException;
import dev.converge.engine.manifest.InvalidManifestException;
import dev.converge.engine.manifest.ManifestReader;
import dev.converge.engine.manifest.Manifests;
import dev.converge.engine.manifest.ObjectKey;
import dev.converge.engine.manifest.Problem;
import dev.converge.engine.manifest.Source;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * ClusterCommand is the common frame of the commands that read manifests and talk to a cluster:
 * read the files (parse errors end it before any connection), open the cluster, validate, run, and
 * turn every failure into its exit code and a one-line message (a stack trace only with
 * {@code --verbose}). Subclasses only map switches and render.
 */
abstract class ClusterCommand implements Callable<Integer> {
  /** The table's header, the summary and the shell prompt take rows too. */
  private static final int LIVE_MARGIN_ROWS = 4;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  OutputOptions output;

  @Spec
  CommandSpec spec;

  /** What a subcommand runs with: the engine, the validated set (null without -f) and the output. */
  record Context(Engine engine, @Nullable ManifestSet set, ClusterSession session, Output output) {
    /** The report in the CLI's words, each object with the file and document it came from. */
    Summary summary(RunReport report) {
      Map<ObjectKey, Source> sources = new HashMap<>();
      if (set != null) {
        set.objects().forEach(o -> sources.put(o.key(), o.source()));
      }
      return Summaries.of(report, sources::get);
    }
  }

  /** Checks switch combinations; throws picocli's ParameterException (exit 2) before any work. */
  void checkUsage() {}

  /** The manifest paths, or an empty list when the command runs without -f. */
  abstract List<Path> paths();

  abstract int run(Context context);

  @Override
  public final Integer call() {
    checkUsage();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Redactor redactor = Redactor.NONE;
    long started = System.nanoTime();
    Manifests read;
    try {
      read = read(paths());
    } catch (UncheckedIOException e) {
      return fail(ExitCodes.INVALID, e, err, redactor); // a file that cannot be read is bad input
    }
    try {
      redactor = Redactor.of(SecretValues.of(read.objects()));
      if (!read.problems().isEmpty()) {
        throw new InvalidManifestException(read.problems());
      }
      try (ClusterSession session = ClusterSession.open(cluster, err);
          Engine engine = Engine.create(session.client())) {
        ManifestSet set = paths().isEmpty() ? null : engine.validate(read, session.namespace());
        try (Output rendering = output(out, err, redactor, set == null ? 0 : set.objects().size())) {
          return run(new Context(engine, set, session, rendering));
        }
      }
    } catch (InvalidManifestException e) {
      return invalid(e.problems(), out, err, redactor, started);
    } catch (ClusterUnavailableException | UnauthorizedException | ForbiddenException | NetworkException
        | TlsException e) {
      return fail(ExitCodes.UNREACHABLE, e, err, redactor);
    } catch (EmptySetException | ForeignApplySetException e) {
      // refused before the first write: bad input, not a cluster failure
      return fail(ExitCodes.INVALID, e, err, redactor);
    } catch (ParameterException e) {
      throw e; // picocli prints it with the usage; exit 2
    } catch (RuntimeException e) {
      return fail(ExitCodes.FAILED, e, err, redactor);
    }
  }

  private static Manifests read(List<Path> paths) {
    ManifestReader reader = new ManifestReader();
    Manifests all = new Manifests(List.of(), List.of());
    for (Path path : paths) {
      all = all.plus(ManifestReader.STDIN.equals(path.toString())
          ? reader.read(ManifestReader.STDIN, System.in) : reader.read(List.of(path)));
    }
    return all;
  }

  private Output output(PrintWriter out, PrintWriter err, Redactor redactor, int objects) {
    if (output.format == OutputOptions.Format.json) {
      return new Output(Output.Mode.JSON, out, err, redactor, Clock.systemUTC(), Terminal.DEFAULT_WIDTH);
    }
    if (output.noColor || !Terminal.interactive()) {
      return new Output(Output.Mode.PLAIN, out, err, redactor, Clock.systemUTC(), Terminal.DEFAULT_WIDTH);
    }
    Terminal.Size size = Terminal.size();
    // A table taller than the screen cannot be redrawn in place: the cursor stops at the top.
    Output.Mode mode = objects + LIVE_MARGIN_ROWS > size.rows() ? Output.Mode.PLAIN : Output.Mode.LIVE;
    return new Output(mode, out, err, redactor, Clock.systemUTC(), size.columns());
  }

  /** Every problem on stderr, one per line naming file, document, object and field; exit 2. */
  private int invalid(List<Problem> problems, PrintWriter out, PrintWriter err, Redactor redactor, long started) {
    err.println(redactor.scrub("converge: " + new InvalidManifestException(problems).getMessage()));
    err.flush();
    if (output.format == OutputOptions.Format.json) {
      out.println(JsonReport.render(Summary.invalid((System.nanoTime() - started) / 1_000_000)));
      out.flush();
    }
    return ExitCodes.INVALID;
  }

  private int fail(int code, RuntimeException e, PrintWriter err, Redactor redactor) {
    StringBuilder message = new StringBuilder("converge: ").append(e.getMessage());
    // A ConvergeException's message is complete (what failed, why, what to do); its cause is the
    // client's raw exception, which repeats it with the whole Status object.
    Throwable first = e instanceof ConvergeException ? null : e.getCause();
    for (Throwable cause = first; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
        message.append(": ").append(cause.getMessage());
      }
    }
    err.println(redactor.scrub(message.toString()));
    if (output.verbose) {
      java.io.StringWriter trace = new java.io.StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(redactor.scrub(trace.toString()));
    }
    err.flush();
    return code;
  }
}
