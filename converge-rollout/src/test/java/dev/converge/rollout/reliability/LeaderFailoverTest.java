package dev.converge.rollout.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two operator replicas (issue 10): only the Lease holder writes, and when the holder dies without
 * releasing the Lease (it can no longer renew), the other replica holds it within the lease
 * duration (plus one retry period) of the last renewal, and completes a rollout. RestartTest covers
 * the graceful hand-over (the leader closed).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeaderFailoverTest {
  static final Duration LEASE = Duration.ofSeconds(3);

  @Test
  void givenTwoReplicas_whenTheLeaderDiesWithoutRelease_thenTheOtherTakesOverWithinTheLeaseDuration() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(true))) {
      dev.converge.rollout.RolloutOperator.installCrd(
          new io.fabric8.kubernetes.client.KubernetesClientBuilder()
              .withConfig(sandbox.clientConfig()).build());

      // given / when
      LeaderFailover.Result r = LeaderFailover.run(sandbox.clientConfig(), sandbox.faults(),
          sandbox.requests(), "lf-ci", LEASE);

      // then
      assertThat(r.followerWrites()).as("writes of the follower while the other led").isZero();
      // the retry period (lease / 5) bounds how late the follower notices the expiry
      assertThat(r.sinceRenewal()).isLessThanOrEqualTo(LEASE.plus(LEASE.dividedBy(5))
          .plusMillis(500));
      assertThat(r.rolledOut()).as("rollout completed by the new leader").isTrue();
    }
  }
}
