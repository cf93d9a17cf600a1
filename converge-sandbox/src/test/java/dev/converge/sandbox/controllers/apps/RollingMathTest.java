package dev.converge.sandbox.controllers.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** maxSurge rounds up, maxUnavailable rounds down, and both 0 means one may be unavailable. */
class RollingMathTest {
  @ParameterizedTest(name = "{0} surge, {1} unavailable of {2} -> {3}, {4}")
  @CsvSource({
      "25%, 25%, 10, 3, 2",
      "25%, 25%, 1, 1, 0",
      "1, 0, 3, 1, 0",
      "0, 0, 3, 0, 1",
      "0%, 0%, 3, 0, 1",
      "50%, 50%, 3, 2, 1",
      "0, 5, 3, 0, 3",
  })
  void givenLimits_whenResolved_thenRoundedLikeUpstream(String surge, String unavailable,
      int replicas, int expectedSurge, int expectedUnavailable) {
    // when
    RollingMath.Limits limits = RollingMath.resolve(value(surge), value(unavailable), replicas);

    // then
    assertThat(limits.maxSurge()).isEqualTo(expectedSurge);
    assertThat(limits.maxUnavailable()).isEqualTo(expectedUnavailable);
  }

  private static IntOrString value(String s) {
    return s.endsWith("%") ? new IntOrString(s) : new IntOrString(Integer.parseInt(s));
  }
}
