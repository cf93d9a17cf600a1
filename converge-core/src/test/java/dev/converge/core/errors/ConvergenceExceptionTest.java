package dev.converge.core.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Convergence failures: a separate branch of the hierarchy, terminal, and self-explaining. */
class ConvergenceExceptionTest {

  private static final ObjectRef NS = ObjectRef.cluster("v1", "Namespace", "team-a");
  private static final ObjectRef WEB = ObjectRef.of("apps/v1", "Deployment", "prod", "web");

  @Test
  void givenBlockedDeletion_whenReported_thenNamesTheFinalizers() {
    // when
    DeleteNotCompleteException e = DeleteNotCompleteException.of(NS,
        List.of("kubernetes", "example.com/cleanup"), Duration.ofMinutes(5));
    // then
    assertThat(e).isInstanceOf(ConvergenceException.class);
    assertThat(e.finalizers()).containsExactly("kubernetes", "example.com/cleanup");
    assertThat(e.getMessage()).isEqualTo("delete v1 Namespace team-a: still present 300 s after deletion;"
        + " blocked by finalizers kubernetes, example.com/cleanup (the controllers owning them must"
        + " finish and remove them) (DeleteNotComplete)");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void givenTimedOutWait_whenReported_thenCarriesLastStatusReasonsAndWarnings() {
    // when
    NotReadyException e = NotReadyException.timedOut(WEB, Duration.ofSeconds(90),
        "IN_PROGRESS: 1/3 replicas available", List.of("CrashLoopBackOff"),
        List.of("BackOff: Back-off restarting failed container app"));
    // then
    assertThat(e.ref()).isEqualTo(WEB);
    assertThat(e.getMessage()).contains("not ready after 90 s", "CrashLoopBackOff", "Back-off restarting");
    assertThat(e.reasons()).containsExactly("CrashLoopBackOff");
  }

  @Test
  void givenRolloutWithoutReason_whenReported_thenRefused() {
    assertThatThrownBy(() -> RolloutFailedException.of(WEB, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must say why");
    assertThat(RolloutFailedException.of(WEB, List.of("ProgressDeadlineExceeded")).getMessage())
        .contains("rollout failed: ProgressDeadlineExceeded");
  }
}
