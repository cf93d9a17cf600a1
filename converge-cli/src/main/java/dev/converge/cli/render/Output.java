package dev.converge.cli.render;

import dev.converge.engine.progress.ProgressEvent;
import dev.converge.engine.progress.ProgressListener;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Output is where one command's progress and report go, in one of three modes: a live table on a
 * terminal, one plain line per event otherwise, or {@code -o json} (the JSON document alone on
 * stdout, progress lines on stderr). Everything it prints passes the {@link Redactor}.
 */
public final class Output implements AutoCloseable {
  /** How a command renders. */
  public enum Mode { LIVE, PLAIN, JSON }

  private final Mode mode;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Redactor redactor;
  private final ProgressBoard board;
  private final ProgressListener progress;
  private final @Nullable LiveTable live;

  public Output(Mode mode, PrintWriter out, PrintWriter err, Redactor redactor, Clock clock, int width) {
    this.mode = mode;
    this.out = out;
    this.err = err;
    this.redactor = redactor;
    this.board = new ProgressBoard(clock);
    this.live = mode == Mode.LIVE ? new LiveTable(out, board, redactor, width) : null;
    ProgressListener rendering = switch (mode) {
      case LIVE -> live;
      case PLAIN -> new PlainProgress(out, board, redactor);
      case JSON -> new PlainProgress(err, board, redactor);
    };
    this.progress = event -> {
      if (event instanceof ProgressEvent.LockWaiting w) {
        // before the table exists, and a note rather than a row: stderr in every mode
        err.println(redactor.scrub(lockWaiting(w)));
        err.flush();
      } else {
        rendering.on(event);
      }
    };
  }

  /** {@code converge: waiting up to 1m for the ApplySet lock held by ...}. */
  static String lockWaiting(ProgressEvent.LockWaiting w) {
    return "converge: waiting up to " + TableFormat.duration(w.waitFor()) + " for the ApplySet lock (Lease "
        + w.lease() + ") held by " + w.holder() + (w.expiresAt() == null ? ""
        : "; it lapses at " + w.expiresAt() + " unless that run renews it");
  }

  /** The listener to hand the engine. */
  public ProgressListener progress() {
    return progress;
  }

  public Mode mode() {
    return mode;
  }

  /**
   * Prints the report: in JSON mode the document on stdout, else the summary line and the reasons
   * of objects that are not ready. Returns the exit code the result maps to.
   */
  public int finish(Summary summary, Wording wording) {
    close();
    if (mode == Mode.JSON) {
      out.println(redactor.scrub(JsonReport.render(summary)));
      out.flush();
      return summary.result().exitCode();
    }
    List<String> lines = SummaryLine.of(summary, wording);
    lines.forEach(line -> out.println(redactor.scrub(line)));
    out.flush();
    return summary.result().exitCode();
  }

  /** A log line: stdout in text modes, stderr with {@code -o json}. */
  public void log(String line) {
    PrintWriter to = mode == Mode.JSON ? err : out;
    to.println(redactor.scrub(line));
    to.flush();
  }

  /** Plain text the command prints as its answer (a diff, a status table). */
  public void print(String text) {
    out.print(redactor.scrub(text));
    out.flush();
  }

  @Override
  public void close() {
    if (live != null) {
      live.close();
    }
  }
}
