package dev.converge.rollout.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server restarted mid-rollout (issue 10, crashes): durable sandbox stopped after node 0
 * is on v2 and started again on the same port; the running operator reconnects and finishes the
 * same rollout without repeating finished work.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SandboxRestartTest {

  @Test
  void givenRolloutHalfDone_whenTheApiServerRestarts_thenTheOperatorReconnectsAndCompletesIt(
      @TempDir Path dataDir) {
    // given / when
    SandboxRestart.Result r = SandboxRestart.run(dataDir);

    // then
    assertThat(r.nodesDoneBefore()).isPositive();
    assertThat(r.completed()).as("completed after the restart: %s", r).isTrue();
    assertThat(r.replacedAgain()).as("finished nodes replaced again").isZero();
    assertThat(r.statefulSets()).isEqualTo(SandboxRestart.NODES);
    assertThat(r.started()).as("RolloutStarted events").isEqualTo(1);
    assertThat(r.complete()).as("RolloutComplete events").isEqualTo(1);
  }
}
