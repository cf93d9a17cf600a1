package dev.converge.rollout.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.rollout.reliability.RolloutFaultMatrix.Cell;
import dev.converge.rollout.reliability.RolloutFaultMatrix.Outcome;
import dev.converge.rollout.reliability.RolloutFaultMatrix.Run;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded CI form of the operator's fault matrix (issue 10): a few cells, one run each, fixed
 * seeds (5003 and 5013 fail the operator's first list, which once aborted its start). Each
 * rollout under faults on the operator's client completes with every node replaced
 * exactly once, or ends typed; the full campaign is {@link RolloutCampaign}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RolloutFaultMatrixTest {
  private static Sandbox sandbox;
  private static RolloutFaultMatrix matrix;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(true));
    matrix = new RolloutFaultMatrix(sandbox.clientConfig(), sandbox.faults(), "rfm-ci");
  }

  @AfterAll
  static void stop() {
    matrix.close();
    sandbox.close();
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
      "THROTTLED_429, 0.3, 5003",
      "SERVER_ERROR_503, 0.3, 5013",
      "RESET_AFTER_COMMIT, 0.3, 73",
      "WATCH_DROPPED, 0.3, 74",
      "CACHE_LAG_2S, 0.1, 75"})
  void givenFaultsOnTheOperatorsClient_whenRollingOut_thenEveryNodeIsReplacedOnceAndTheRolloutCompletes(
      RolloutFault fault, double rate, long seed) {
    // given / when
    Run run = matrix.runOnce(new Cell(fault, rate, 1, seed), 0);

    // then
    assertThat(run.injected()).as("faults hit").isPositive();
    assertThat(run.replacedTwice()).as("nodes replaced twice").isZero();
    assertThat(run.extraStatefulSets()).as("duplicated StatefulSets").isZero();
    assertThat(run.outcome()).as(run.detail()).isEqualTo(Outcome.COMPLETED);
    assertThat(run.completeEvents()).as("RolloutComplete events").isEqualTo(1);
    assertThat(run.took()).isLessThan(RolloutFaultMatrix.RUN_DEADLINE);
  }
}
