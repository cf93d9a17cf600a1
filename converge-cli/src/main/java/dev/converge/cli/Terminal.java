package dev.converge.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Terminal answers whether stdout is an interactive terminal and how wide it is. */
final class Terminal {
  static final int DEFAULT_WIDTH = 120;
  static final int DEFAULT_ROWS = 40;
  /** {@code stty} answers in milliseconds; never let it hold up a command. */
  private static final long STTY_MILLIS = 300;

  private Terminal() {}

  /** A console on stdin and stdout, and a terminal that understands cursor movement. */
  static boolean interactive() {
    String term = System.getenv("TERM");
    return System.console() != null && term != null && !"dumb".equals(term) && System.getenv("NO_COLOR") == null;
  }

  /** Columns and rows of the terminal. */
  record Size(int columns, int rows) {}

  static Size size() {
    String columns = System.getenv("COLUMNS");
    String lines = System.getenv("LINES");
    if (columns != null && columns.matches("\\d+") && lines != null && lines.matches("\\d+")) {
      return new Size(Integer.parseInt(columns), Integer.parseInt(lines));
    }
    try {
      Process stty = new ProcessBuilder("sh", "-c", "stty size < /dev/tty")
          .redirectErrorStream(true).start();
      if (stty.waitFor(STTY_MILLIS, TimeUnit.MILLISECONDS)) {
        String[] size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
        if (size.length == 2 && size[0].matches("\\d+") && size[1].matches("\\d+")) {
          return new Size(Integer.parseInt(size[1]), Integer.parseInt(size[0]));
        }
      } else {
        stty.destroy();
      }
    } catch (IOException e) {
      // no stty: fall back
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Size(DEFAULT_WIDTH, DEFAULT_ROWS);
  }
}
