package dev.converge.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Terminal answers whether stdout is an interactive terminal and how wide it is. */
final class Terminal {
  static final int DEFAULT_WIDTH = 120;
  /** {@code stty} answers in milliseconds; never let it hold up a command. */
  private static final long STTY_MILLIS = 300;

  private Terminal() {}

  /** A console on stdin and stdout, and a terminal that understands cursor movement. */
  static boolean interactive() {
    String term = System.getenv("TERM");
    return System.console() != null && term != null && !"dumb".equals(term) && System.getenv("NO_COLOR") == null;
  }

  static int width() {
    String columns = System.getenv("COLUMNS");
    if (columns != null && columns.matches("\\d+")) {
      return Integer.parseInt(columns);
    }
    try {
      Process stty = new ProcessBuilder("sh", "-c", "stty size < /dev/tty")
          .redirectErrorStream(true).start();
      if (stty.waitFor(STTY_MILLIS, TimeUnit.MILLISECONDS)) {
        String[] size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
        if (size.length == 2 && size[1].matches("\\d+")) {
          return Integer.parseInt(size[1]);
        }
      } else {
        stty.destroy();
      }
    } catch (IOException e) {
      // no stty: fall back
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return DEFAULT_WIDTH;
  }
}
