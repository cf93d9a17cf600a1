package dev.converge.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.reliability.FaultMatrix.Cell;
import dev.converge.engine.reliability.FaultMatrix.Operation;
import dev.converge.engine.reliability.FaultMatrix.Outcome;
import dev.converge.engine.reliability.FaultMatrix.Run;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded CI form of the fault matrix (issue 10): a few cells, one run each, fixed seeds. Every
 * run converges or fails with a typed error and recovers; nothing is lost, duplicated or wrongly
 * pruned. The full campaign is {@link FaultMatrixCampaign} ({@code reliability/run.sh}).
 */
@ConvergeCluster(controllers = true)
@Requires(Capability.FAULTS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultMatrixTest {

  static Stream<Cell> cells() {
    return Stream.of(
        new Cell(Operation.APPLY, FaultKind.SERVER_ERROR_503, 0.3, 1, 1001),
        new Cell(Operation.APPLY, FaultKind.RESET_AFTER_COMMIT, 0.3, 1, 1002),
        new Cell(Operation.APPLY, FaultKind.WATCH_DROPPED, 0.3, 1, 1003),
        new Cell(Operation.DESTROY, FaultKind.RESET_BEFORE, 0.3, 1, 1004),
        new Cell(Operation.DESTROY, FaultKind.THROTTLED_429, 0.1, 1, 1005),
        // regression: this seed failed untyped in the first campaign (the delete wait let a raw
        // Vert.x HttpClosedException out under refused connections)
        new Cell(Operation.DESTROY, FaultKind.REFUSED, 0.1, 1, 2042));
  }

  @AfterEach
  void clearFaults(TestCluster cluster) {
    cluster.faults().clear();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void givenFaults_whenRun_thenConvergesOrFailsTypedAndNothingIsLostDuplicatedOrWronglyPruned(
      Cell cell, TestCluster cluster) {
    try (FaultMatrix matrix = new FaultMatrix(cluster.config(), cluster.faults(), "ci")) {
      // when
      Run run = matrix.runOnce(cell, 0);

      // then
      assertThat(run.outcome()).as(run.detail() + " / " + run.audit())
          .isIn(EnumSet.of(Outcome.CONVERGED, Outcome.FAILED_TYPED));
      assertThat(run.audit().lost()).isEmpty();
      assertThat(run.audit().extra()).isEmpty();
      assertThat(run.audit().recreated()).isEmpty();
      assertThat(run.audit().bystandersMissing()).isEmpty();
      assertThat(run.injected()).as("faults injected").isPositive();
      assertThat(run.detail()).doesNotContain("planted-");
    }
  }
}
