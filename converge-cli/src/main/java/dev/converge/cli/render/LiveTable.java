package dev.converge.cli.render;

import dev.converge.engine.progress.ProgressEvent;
import dev.converge.engine.progress.ProgressListener;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * LiveTable draws the progress table on a terminal and redraws it in place on every event and
 * every {@value #TICK_MILLIS} ms (so elapsed times run). {@link #close()} draws the final frame and
 * leaves it on screen.
 */
public final class LiveTable implements ProgressListener, AutoCloseable {
  /** Often enough for a running clock to look alive, rarely enough to cost nothing. */
  static final long TICK_MILLIS = 250;
  private static final String UP = "\u001b[%dA";
  private static final String CLEAR_LINE = "\u001b[2K";
  private static final String CLEAR_BELOW = "\u001b[J";

  private final PrintWriter out;
  private final ProgressBoard board;
  private final Redactor redactor;
  private final int width;
  private final ScheduledExecutorService ticker;
  private int drawn;
  private boolean closed;

  public LiveTable(PrintWriter out, ProgressBoard board, Redactor redactor, int width) {
    this.out = out;
    this.board = board;
    this.redactor = redactor;
    this.width = width;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "converge-live-table");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(this::draw, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void on(ProgressEvent event) {
    board.on(event);
    draw();
  }

  private synchronized void draw() {
    if (closed) {
      return; // the final frame is on screen and text may follow it
    }
    List<String> lines = TableFormat.lines(board.rows(), width, true);
    StringBuilder frame = new StringBuilder();
    if (drawn > 0) {
      frame.append('\r').append(String.format(UP, drawn));
    }
    for (String line : lines) {
      frame.append(CLEAR_LINE).append(redactor.scrub(line)).append('\n');
    }
    frame.append(CLEAR_BELOW);
    out.print(frame);
    out.flush();
    drawn = lines.size();
  }

  /** Draws the final frame once; later events and ticks draw nothing. */
  @Override
  public void close() {
    ticker.shutdownNow();
    synchronized (this) {
      draw();
      closed = true;
    }
  }
}
