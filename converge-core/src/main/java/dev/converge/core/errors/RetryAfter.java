package dev.converge.core.errors;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A server's request to wait before retrying, from a {@code Retry-After} header or
 * {@code Status.details.retryAfterSeconds}: either a delay or an absolute time. The retry policy
 * resolves it against its clock and caps it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7231#section-7.1.3">RFC 7231 §7.1.3 Retry-After</a>
 */
public sealed interface RetryAfter {

  /** How long to wait from {@code now}; never negative (a date in the past means "now"). */
  Duration delayFrom(Instant now);

  /** {@code Retry-After: 120}. */
  record Delay(Duration delay) implements RetryAfter {
    public Delay {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay < 0: " + delay);
      }
    }

    @Override
    public Duration delayFrom(Instant now) {
      return delay;
    }
  }

  /** {@code Retry-After: Fri, 31 Dec 1999 23:59:59 GMT}. */
  record At(Instant time) implements RetryAfter {
    @Override
    public Duration delayFrom(Instant now) {
      Duration left = Duration.between(now, time);
      return left.isNegative() ? Duration.ZERO : left;
    }
  }

  static RetryAfter seconds(long seconds) {
    return new Delay(Duration.ofSeconds(seconds));
  }

  /**
   * Parses a header value: delta-seconds or an HTTP-date in any of the three formats RFC 7231
   * §7.1.1.1 obliges recipients to accept (IMF-fixdate, obsolete RFC 850, asctime). Anything else,
   * including negative numbers, yields empty: a malformed hint falls back to normal backoff.
   */
  static Optional<RetryAfter> parse(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(seconds(Long.parseLong(value)));
      } catch (NumberFormatException tooLarge) {
        return Optional.of(seconds(Long.MAX_VALUE / 1_000_000_000L));
      }
    }
    return HttpDates.parse(value).map(At::new);
  }
}
