package dev.converge.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The immutable policy: defaults, validation, and the full-jitter backoff bounds. */
class RetryPolicyTest {

  @Test
  void givenNoSettings_whenBuilt_thenDesignDefaults() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertThat(p.baseDelay()).isEqualTo(Duration.ofMillis(200));
    assertThat(p.factor()).isEqualTo(2.0);
    assertThat(p.maxDelay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.maxAttempts()).isEqualTo(6);
    assertThat(p.deadline()).isEqualTo(Duration.ofSeconds(60));
    assertThat(p.maxRetryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryPolicy.NONE.maxAttempts()).isEqualTo(1);
  }

  @Test
  void givenPolicy_whenToBuilderChanged_thenOriginalUntouched() {
    RetryPolicy patient = RetryPolicy.DEFAULT.toBuilder().maxAttempts(10).build();
    assertThat(patient.maxAttempts()).isEqualTo(10);
    assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(6);
    assertThat(patient.deadline()).isEqualTo(RetryPolicy.DEFAULT.deadline());
  }

  @Test
  void givenBrokenSettings_whenBuilt_thenMessageNamesTheCondition() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).hasMessage("maxAttempts < 1: 0");
    assertThatThrownBy(() -> RetryPolicy.builder().factor(0.5)).hasMessageContaining("factor < 1");
    assertThatThrownBy(() -> RetryPolicy.builder().deadline(Duration.ZERO)).hasMessageContaining("deadline <= 0");
    assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ofSeconds(-1))).hasMessageContaining("baseDelay < 0");
    assertThatThrownBy(() -> RetryPolicy.builder().maxDelay(Duration.ofMillis(100)).build())
        .hasMessageContaining("maxDelay < baseDelay");
  }

  @ParameterizedTest(name = "retry {0}: ceiling {1} ms")
  @CsvSource({"0, 200", "1, 400", "2, 800", "3, 1600", "4, 3200", "5, 6400", "6, 10000", "7, 10000",
      "1000, 10000"})
  void givenRetryNumber_whenCeilingComputed_thenExponentialUpToTheCap(int retry, long millis) {
    assertThat(RetryPolicy.DEFAULT.backoffCeiling(retry)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void givenSeededRandom_whenBackoffSampled_thenFullJitterWithinZeroAndCeiling() {
    // given
    SplittableRandom random = new SplittableRandom(42);
    for (int retry = 0; retry < 10; retry++) {
      Duration ceiling = RetryPolicy.DEFAULT.backoffCeiling(retry);
      Set<Long> seen = new HashSet<>();
      Duration smallest = ceiling;
      for (int i = 0; i < 1_000; i++) {
        // when
        Duration delay = RetryPolicy.DEFAULT.backoff(retry, random);
        // then
        assertThat(delay).isBetween(Duration.ZERO, ceiling);
        seen.add(delay.toNanos());
        smallest = delay.compareTo(smallest) < 0 ? delay : smallest;
      }
      // Full jitter: spread over the whole range, not clustered near the ceiling.
      assertThat(seen).hasSizeGreaterThan(900);
      assertThat(smallest).isLessThan(ceiling.dividedBy(10));
    }
  }

  @Test
  void givenSameSeed_whenSampled_thenSameDelays() {
    Duration a = RetryPolicy.DEFAULT.backoff(3, new SplittableRandom(7));
    Duration b = RetryPolicy.DEFAULT.backoff(3, new SplittableRandom(7));
    assertThat(a).isEqualTo(b);
  }

  @Test
  void givenZeroBase_whenSampled_thenNoDelay() {
    RetryPolicy immediate = RetryPolicy.builder().baseDelay(Duration.ZERO).build();
    assertThat(immediate.backoff(3, new SplittableRandom(1))).isZero();
  }
}
