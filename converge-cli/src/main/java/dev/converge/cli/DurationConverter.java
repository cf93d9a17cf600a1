package dev.converge.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads kubectl-style durations: {@code 500ms}, {@code 90s}, {@code 5m}, {@code 1h30m}, or bare seconds. */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

  @Override
  public Duration convert(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.matches("\\d+")) {
      return positive(Duration.ofSeconds(Long.parseLong(text)), value);
    }
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
      end = m.end();
    }
    if (end == 0 || end != text.length()) {
      throw new TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 5m, 1h30m)");
    }
    return positive(total, value);
  }

  private static Duration positive(Duration d, String value) {
    if (d.isZero()) {
      throw new TypeConversionException("'" + value + "' must be more than zero");
    }
    return d;
  }
}
