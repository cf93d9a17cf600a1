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
 * releasing the Lease (it can no longer renew), the other replica holds it no sooner than the
 * lease duration after the last renewal and no later than its next (jittered) acquire attempt
 * after that, and completes a rollout. RestartTest covers
 * the graceful hand-over (the leader closed).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeaderFailoverTest {
  static final Duration LEASE = Duration.ofSeconds(3);
  static final Duration MAX_POLL_PERIOD = LeaderFailover.maxPollPeriod(LEASE);
  static final Duration SLACK = Duration.ofSeconds(1);

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
      // never before the Lease expired (the follower compares renewTime + lease with its clock)
      assertThat(r.sinceRenewal()).isGreaterThanOrEqualTo(LEASE);
      // and at the follower's next acquire attempt after the expiry; the slack covers the request
      // itself and the test's own 20 ms polling on a loaded 2-core CI machine
      assertThat(r.sinceRenewal()).isLessThanOrEqualTo(LEASE.plus(MAX_POLL_PERIOD).plus(SLACK));
      assertThat(r.rolledOut()).as("rollout completed by the new leader").isTrue();
    }
  }
}
