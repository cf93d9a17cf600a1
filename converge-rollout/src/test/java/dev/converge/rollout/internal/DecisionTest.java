package dev.converge.rollout.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.rollout.api.NodeDeploymentStatus;
import dev.converge.rollout.api.RolloutStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionTest {

  static NodeDeploymentStatus status(String current, RolloutStatus rollout, String failed,
      String token) {
    return new NodeDeploymentStatus(null, null, 0, 0, current, failed, token, rollout, null,
        List.of());
  }

  @Test
  void givenNothingDeployed_thenInitial() {
    assertThat(Decision.of(NodeDeploymentStatus.empty(), "h1", null)).isEqualTo(Decision.INITIAL);
  }

  @Test
  void givenSameHash_thenSteady() {
    assertThat(Decision.of(status("h1", null, null, null), "h1", null))
        .isEqualTo(Decision.STEADY);
  }

  @Test
  void givenNewHash_thenStart() {
    assertThat(Decision.of(status("h1", null, null, null), "h2", null)).isEqualTo(Decision.START);
  }

  @Test
  void givenRolloutToSameHash_thenContinue() {
    RolloutStatus r = new RolloutStatus("h2", "h1", "t");
    assertThat(Decision.of(status("h1", r, null, null), "h2", null))
        .isEqualTo(Decision.CONTINUE);
  }

  @Test
  void givenRolloutAndNewHash_thenSupersede() {
    RolloutStatus r = new RolloutStatus("h2", "h1", "t");
    assertThat(Decision.of(status("h1", r, null, null), "h3", null))
        .isEqualTo(Decision.SUPERSEDE);
  }

  @Test
  void givenRolloutAndRevertToBaseline_thenSupersedeNotSteady() {
    RolloutStatus r = new RolloutStatus("h2", "h1", "t");
    assertThat(Decision.of(status("h1", r, null, null), "h1", null))
        .isEqualTo(Decision.SUPERSEDE);
  }

  @Test
  void givenFailedTargetAgain_thenHold_untilANewRetryToken() {
    NodeDeploymentStatus failed = status("h1", null, "h2", "1");

    assertThat(Decision.of(failed, "h2", null)).isEqualTo(Decision.HOLD_FAILED);
    assertThat(Decision.of(failed, "h2", "1")).isEqualTo(Decision.HOLD_FAILED);
    assertThat(Decision.of(failed, "h2", "2")).isEqualTo(Decision.START);
    assertThat(Decision.of(failed, "h3", null)).isEqualTo(Decision.START);
  }
}
