package dev.converge.cli.render;

import dev.converge.engine.manifest.ObjectKey;
import dev.converge.engine.progress.ProgressEvent;
import dev.converge.engine.progress.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * PlainProgress prints one line per progress event, for logs, pipes and {@code --no-color}:
 * {@code [  1.2s] ready       Deployment shop/api}. With {@code -o json} it writes to stderr.
 */
public final class PlainProgress implements ProgressListener {
  private final PrintWriter out;
  private final ProgressBoard board;
  private final Redactor redactor;

  public PlainProgress(PrintWriter out, ProgressBoard board, Redactor redactor) {
    this.out = out;
    this.board = board;
    this.redactor = redactor;
  }

  @Override
  public void on(ProgressEvent event) {
    board.on(event);
    String line = line(event);
    synchronized (out) {
      out.printf(Locale.ROOT, "[%6s] %s%n", TableFormat.duration(board.elapsed()), redactor.scrub(line));
      out.flush();
    }
  }

  /** The event's words without the time stamp. */
  static String line(ProgressEvent event) {
    if (event instanceof ProgressEvent.Planned p) {
      return "planned    " + p.objectCount() + " objects in " + p.stages().size() + " stages";
    } else if (event instanceof ProgressEvent.Applied a) {
      return pad(a.action().name().toLowerCase(Locale.ROOT)) + name(a.object());
    } else if (event instanceof ProgressEvent.Waiting w) {
      return pad("waiting") + name(w.object());
    } else if (event instanceof ProgressEvent.Ready r) {
      return pad("ready") + name(r.object());
    } else if (event instanceof ProgressEvent.Failed f) {
      return pad("failed") + name(f.object()) + ": " + TableFormat.oneLine(f.reason());
    } else if (event instanceof ProgressEvent.Pruned p) {
      return pad("pruned") + name(p.object());
    } else if (event instanceof ProgressEvent.Deleted d) {
      return pad("deleted") + name(d.object());
    }
    return event.toString();
  }

  private static String pad(String word) {
    return String.format(Locale.ROOT, "%-11s", word);
  }

  private static String name(ObjectKey key) {
    return ProgressBoard.describe(key);
  }
}
