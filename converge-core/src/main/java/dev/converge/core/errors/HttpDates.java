package dev.converge.core.errors;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Parses the three HTTP-date formats RFC 7231 §7.1.1.1 obliges recipients to accept. */
final class HttpDates {
  private static final List<DateTimeFormatter> FORMATS = List.of(
      DateTimeFormatter.RFC_1123_DATE_TIME,
      // RFC 850 has a two-digit year; 1970-2069 covers every date a live server can send.
      new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
          .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
          .appendPattern(" HH:mm:ss zzz").toFormatter(Locale.US),
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US));

  private HttpDates() {}

  static Optional<Instant> parse(String value) {
    for (int i = 0; i < FORMATS.size(); i++) {
      try {
        if (i == 2) {
          // asctime carries no zone; RFC 7231 says HTTP-dates are always GMT.
          return Optional.of(LocalDateTime.parse(value, FORMATS.get(i)).toInstant(ZoneOffset.UTC));
        }
        return Optional.of(ZonedDateTime.parse(value, FORMATS.get(i)).toInstant());
      } catch (DateTimeException notThisFormat) {
        // try the next format
      }
    }
    return Optional.empty();
  }
}
