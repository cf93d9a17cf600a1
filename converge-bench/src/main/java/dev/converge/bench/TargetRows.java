package dev.converge.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TargetRows reads the "met / not met" rows out of the generated sections of docs/BENCHMARKS.md:
 * every table row with a cell that starts with {@code met}, {@code NOT met} or {@code not met},
 * with the section's command and date. The measured figure is the first column headed "measured",
 * then one whose header names a median, then "converge", then a p99; a range "(min–max)" is cut.
 */
final class TargetRows {
  private static final Pattern SECTION = Pattern.compile(
      "<!-- bench:([\\w-]+):begin -->(.*?)<!-- bench:\\1:end -->", Pattern.DOTALL);
  private static final Pattern COMMAND = Pattern.compile("Command: `([^`]*)`");
  private static final Pattern DATE = Pattern.compile("Measured (\\d{4}-\\d{2}-\\d{2})");
  /** A unit named in a column header, e.g. "p99 (µs)", added to the figure unless the label has it. */
  private static final Pattern UNIT = Pattern.compile("\\((µs|ms|s|MB|MiB)\\)");
  private static final Pattern VERDICT = Pattern.compile("^(met|NOT met|not met)\\b\\s*(?:\\((.*)\\))?.*$");

  /** One target row: where it came from, what it says, the figure and whether it is met. */
  record Row(String section, String label, String target, String measured, boolean met, String command,
      String date) {}

  private TargetRows() {}

  static List<Row> parse(String markdown) {
    List<Row> rows = new ArrayList<>();
    Matcher m = SECTION.matcher(markdown);
    while (m.find()) {
      String id = m.group(1);
      if (!id.equals(TargetsSummary.SECTION)) {
        rows.addAll(section(id, m.group(2)));
      }
    }
    return rows;
  }

  private static List<Row> section(String id, String body) {
    Matcher c = COMMAND.matcher(body);
    String command = c.find() ? c.group(1) : "";
    Matcher d = DATE.matcher(body);
    String date = d.find() ? d.group(1) : "";
    List<Row> rows = new ArrayList<>();
    String[] lines = body.split("\n");
    for (int i = 0; i + 1 < lines.length; i++) {
      if (!lines[i].startsWith("|") || !lines[i + 1].startsWith("|---")) {
        continue;
      }
      List<String> header = cells(lines[i]);
      int measured = measuredColumn(header);
      int targetColumn = header.indexOf("target");
      for (int j = i + 2; j < lines.length && lines[j].startsWith("|"); j++) {
        List<String> cells = cells(lines[j]);
        for (int k = 1; k < cells.size(); k++) {
          Matcher v = VERDICT.matcher(cells.get(k));
          if (v.matches()) {
            String target = v.group(2) != null ? v.group(2)
                : targetColumn > 0 && targetColumn < cells.size() ? cells.get(targetColumn) : "";
            String figure = measured < cells.size() ? cells.get(measured).replaceFirst(" \\(.*\\)$", "") : "";
            Matcher unit = UNIT.matcher(header.get(measured));
            figure += unit.find() && !cells.get(0).contains(unit.group(1)) ? " " + unit.group(1) : "";
            rows.add(new Row(id, cells.get(0), target, figure, v.group(1).equals("met"), command, date));
            break;
          }
        }
      }
    }
    return rows;
  }

  private static int measuredColumn(List<String> header) {
    List<String> h = header.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    for (String want : List.of("measured", "median", "converge", "p99")) {
      for (int k = 1; k < h.size(); k++) {
        if (want.equals("measured") || want.equals("converge") ? h.get(k).equals(want) : h.get(k).contains(want)) {
          return k;
        }
      }
    }
    return 1;
  }

  private static List<String> cells(String line) {
    String inner = line.strip();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
  }
}
