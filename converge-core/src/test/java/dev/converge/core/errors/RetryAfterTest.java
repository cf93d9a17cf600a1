package dev.converge.core.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retry-After as RFC 7231 §7.1.3 defines it: delta-seconds or an HTTP-date in three formats. */
class RetryAfterTest {

  private static final Instant NOW = Instant.parse("1994-11-06T08:49:30Z");

  @Test
  void givenDeltaSeconds_whenParsed_thenDelay() {
    assertThat(RetryAfter.parse("120")).contains(new RetryAfter.Delay(Duration.ofSeconds(120)));
    assertThat(RetryAfter.parse(" 0 ").orElseThrow().delayFrom(NOW)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Sun, 06 Nov 1994 08:49:37 GMT",   // IMF-fixdate
      "Sunday, 06-Nov-94 08:49:37 GMT",  // obsolete RFC 850
      "Sun Nov  6 08:49:37 1994"})        // ANSI C asctime()
  void givenHttpDate_whenParsed_thenDelayIsTheTimeLeft(String header) {
    // when
    RetryAfter hint = RetryAfter.parse(header).orElseThrow();
    // then
    assertThat(hint.delayFrom(NOW)).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void givenDateInThePast_whenResolved_thenZero() {
    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:00 GMT").orElseThrow().delayFrom(NOW)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "-5", "1.5", "Sun, 06 Nov 1994"})
  void givenMalformedValue_whenParsed_thenEmpty(String header) {
    assertThat(RetryAfter.parse(header)).isEmpty();
  }
}
