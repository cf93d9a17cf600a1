package dev.converge.cli.render;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * TableFormat lays rows out as the live table's lines: OBJECT, ACTION, STATUS, REASON, ELAPSED,
 * columns as wide as their longest cell, the reason cut so that a line fits the terminal width.
 * Pure: the live renderer decides when to draw and where.
 */
public final class TableFormat {
  static final String[] HEADER = {"OBJECT", "ACTION", "STATUS", "ELAPSED", "REASON"};
  private static final String GREEN = "\u001b[32m";
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String RESET = "\u001b[0m";

  private TableFormat() {}

  /** The header and one line per row, at most {@code width} characters of text each. */
  public static List<String> lines(List<Row> rows, int width, boolean color) {
    int object = HEADER[0].length();
    int action = HEADER[1].length();
    int status = HEADER[2].length();
    for (Row row : rows) {
      object = Math.max(object, row.object().length());
      action = Math.max(action, row.action().length());
      status = Math.max(status, row.status().length());
    }
    String format = "%-" + object + "s  %-" + action + "s  %-" + status + "s  %7s  %s";
    List<String> lines = new ArrayList<>(rows.size() + 1);
    lines.add(fit(String.format(Locale.ROOT, format, (Object[]) HEADER), width));
    for (Row row : rows) {
      String line = fit(String.format(Locale.ROOT, format, row.object(), row.action(), row.status(),
          duration(row.elapsed()), oneLine(row.reason())), width);
      lines.add(color ? colored(line, row.status()) : line);
    }
    return lines;
  }

  /** {@code 0.4s}, {@code 12.3s}, {@code 2m05s}. */
  public static String duration(Duration d) {
    long millis = d.toMillis();
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    return String.format(Locale.ROOT, "%dm%02ds", millis / 60_000, (millis / 1000) % 60);
  }

  static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ');
  }

  private static String fit(String line, int width) {
    if (width <= 1 || line.length() <= width) {
      return line;
    }
    return line.substring(0, width - 1) + "\u2026";
  }

  private static String colored(String line, String status) {
    String color = switch (status) {
      case "CURRENT" -> GREEN;
      case "FAILED" -> RED;
      case "IN_PROGRESS", "TERMINATING" -> YELLOW;
      default -> "";
    };
    return color.isEmpty() ? line : color + line + RESET;
  }
}
