package dev.converge.engine.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.engine.inventory.ApplySetParent;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ApplySet lock on a real API server: one holder at a time, TTL takeover, renewal, faults. */
@ConvergeCluster(controllers = false)
@Requires(Capability.FAULTS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApplySetLockTest {

  static final RetryPolicy FAST = RetryPolicy.builder().baseDelay(Duration.ofMillis(5))
      .maxDelay(Duration.ofMillis(50)).maxAttempts(8).deadline(Duration.ofSeconds(20)).build();
  static final Duration TTL = Duration.ofSeconds(30);

  ConvergeClient ops;
  ApplySetParent parent;
  FakeTime time;

  @BeforeEach
  void setUp(TestCluster cluster) {
    ops = ConvergeClient.wrap(cluster.client(), ClientOptions.DEFAULTS.with(b -> b.retryPolicy(FAST)));
    parent = ApplySetParent.secret(cluster.namespace(), "web-set");
    time = new FakeTime();
  }

  @AfterEach
  void tearDown(TestCluster cluster) {
    cluster.faults().clear();
    ops.close();
  }

  /** Options for {@code holder} on the fake clock; background renewal effectively off (1 h). */
  LockOptions run(String holder) {
    return LockOptions.defaults().withHolder(holder).withTtl(TTL).withRenewEvery(Duration.ofSeconds(29))
        .withClock(time, time);
  }

  Lease lease(TestCluster cluster) {
    return cluster.client().resources(Lease.class).inNamespace(cluster.namespace())
        .withName(LeaseClaim.leaseName(parent.id())).get();
  }

  @Nested
  class Acquire {

    @Test
    void givenNoLease_whenAcquired_thenLeaseInParentNamespaceNamesHolderTtlAndTimes(TestCluster cluster) {
      // when
      try (ApplySetLock lock = ApplySetLock.acquire(ops, parent, run("run-a"))) {

        // then
        Lease lease = lease(cluster);
        assertThat(lock.lease()).isEqualTo(cluster.namespace() + "/" + lease.getMetadata().getName());
        assertThat(lease.getMetadata().getName()).matches("applyset-lock-[0-9a-f]{32}");
        assertThat(lease.getMetadata().getAnnotations()).containsEntry(LeaseClaim.APPLYSET_ANNOTATION, parent.id());
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("run-a");
        assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(30);
        assertThat(lease.getSpec().getLeaseTransitions()).isZero();
        assertThat(lease.getSpec().getAcquireTime().toInstant()).isEqualTo(lease.getSpec().getRenewTime().toInstant());
      }
    }

    @Test
    void givenReleasedLock_whenAcquiredAgain_thenTakenAtOnceAsATransition(TestCluster cluster) {
      // given
      ApplySetLock.acquire(ops, parent, run("run-a")).close();
      assertThat(lease(cluster).getSpec().getHolderIdentity()).isNull();

      // when
      try (ApplySetLock lock = ApplySetLock.acquire(ops, parent, run("run-b"))) {

        // then
        assertThat(lease(cluster).getSpec().getHolderIdentity()).isEqualTo("run-b");
        assertThat(lease(cluster).getSpec().getLeaseTransitions()).isEqualTo(1);
      }
    }

    @Test
    void givenLiveHolder_whenAcquiredWithoutWaiting_thenFailsNamingTheHolder(TestCluster cluster) {
      // given
      try (ApplySetLock held = ApplySetLock.acquire(ops, parent, run("run-a"))) {
        time.advance(Duration.ofSeconds(10));

        // when / then
        assertThatThrownBy(() -> ApplySetLock.acquire(ops, parent, run("run-b")))
            .isInstanceOfSatisfying(ApplySetLockedException.class, e -> {
              assertThat(e.holder()).isEqualTo("run-a");
              assertThat(e.lease()).isEqualTo(held.lease());
              assertThat(e.expiresAt()).isEqualTo(held.holding().renewed().plus(TTL));
            })
            .hasMessageContaining("locked by run-a");
        assertThat(lease(cluster).getSpec().getHolderIdentity()).isEqualTo("run-a");
      }
    }

    @Test
    void givenLiveHolder_whenWaitIsShorterThanItsLease_thenFailsAfterTheBoundedWait() {
      // given
      try (ApplySetLock held = ApplySetLock.acquire(ops, parent, run("run-a"))) {
        Instant start = time.instant();

        // when / then
        assertThatThrownBy(() -> ApplySetLock.acquire(ops, parent,
                run("run-b").withWait(Duration.ofSeconds(5), Duration.ofSeconds(1))))
            .isInstanceOfSatisfying(ApplySetLockedException.class,
                e -> assertThat(e.waited()).isEqualTo(Duration.ofSeconds(5)));
        assertThat(Duration.between(start, time.instant())).isEqualTo(Duration.ofSeconds(5));
      }
    }
  }

  @Nested
  class CrashedHolder {

    @Test
    void givenHolderThatStoppedRenewing_whenWaiting_thenTakenOverRightAfterTheTtl(TestCluster cluster) {
      // given: run-a took the lock and crashed (never renews, never releases)
      ApplySetLock crashed = ApplySetLock.acquire(ops, parent, run("run-a"));
      Instant acquired = time.instant();

      // when: run-b waits up to two TTLs, polling every second
      try (ApplySetLock lock = ApplySetLock.acquire(ops, parent,
          run("run-b").withWait(TTL.multipliedBy(2), Duration.ofSeconds(1)))) {

        // then
        assertThat(Duration.between(acquired, time.instant())).isEqualTo(TTL);
        Lease lease = lease(cluster);
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("run-b");
        assertThat(lease.getSpec().getLeaseTransitions()).isEqualTo(1);
        assertThat(lease.getSpec().getAcquireTime().toInstant()).isEqualTo(time.instant());
        // the crashed run, if it came back, learns it lost the lock instead of writing on
        crashed.renew();
        assertThatThrownBy(crashed::ensureHeld).isInstanceOf(LockLostException.class)
            .hasMessageContaining("taken over by run-b");
      } finally {
        crashed.close();
      }
      assertThat(lease(cluster).getSpec().getHolderIdentity()).isNull();
    }

    @Test
    void givenLeaseLeftByAnotherProcess_whenItsTtlPassed_thenTakenAtOnce(TestCluster cluster) {
      // given: a Lease written by a run that died 31 s ago
      Lease stale = LeaseClaim.create(cluster.namespace(), LeaseClaim.leaseName(parent.id()), parent.id(),
          "dead-run", time.instant().minus(Duration.ofSeconds(31)), TTL);
      cluster.client().resource(stale).create();

      // when
      try (ApplySetLock lock = ApplySetLock.acquire(ops, parent, run("run-b"))) {

        // then
        assertThat(lease(cluster).getSpec().getHolderIdentity()).isEqualTo("run-b");
      }
    }
    @Test
    void givenTakeoverWriteCommittedButItsResponseLost_whenRetried_thenHeldWithOneTransition(TestCluster cluster) {
      // given: an expired lease, and the first PUT on it committed but answered with a reset
      cluster.client().resource(LeaseClaim.create(cluster.namespace(), LeaseClaim.leaseName(parent.id()),
          parent.id(), "dead-run", time.instant().minus(Duration.ofSeconds(31)), TTL)).create();
      cluster.faults().add(FaultSpec.parse("verb=update,path=/apis/coordination.k8s.io/v1/namespaces/"
          + cluster.namespace() + "/leases/*,reset-after-commit,count=1"));

      // when: the retried PUT conflicts, the re-read finds the lease already ours
      try (ApplySetLock lock = ApplySetLock.acquire(ops, parent, run("run-b"))) {

        // then
        assertThat(lease(cluster).getSpec().getHolderIdentity()).isEqualTo("run-b");
        assertThat(lease(cluster).getSpec().getLeaseTransitions()).isEqualTo(1);
      }
    }
  }

  /** Issue 10: a destroyed ApplySet leaves no lock Lease behind, and never deletes another run's. */
  @Nested
  class DeleteOnDestroy {

    @Test
    void givenHeldLock_whenClosedAndDeleted_thenNoLeaseRemains(TestCluster cluster) {
      // given
      ApplySetLock lock = ApplySetLock.acquire(ops, parent, run("run-a"));
      lock.renew(); // our last write is a renewal, not the create

      // when
      lock.closeAndDelete();
      lock.close(); // a later close (try-with-resources) does nothing

      // then
      assertThat(lease(cluster)).isNull();
    }

    @Test
    void givenLockTakenOverByAnotherRun_whenClosedAndDeleted_thenTheirLeaseStays(TestCluster cluster) {
      // given: run-a stopped renewing; run-b took the lock over after the TTL
      ApplySetLock stale = ApplySetLock.acquire(ops, parent, run("run-a"));
      time.advance(TTL.plusSeconds(1));
      try (ApplySetLock taken = ApplySetLock.acquire(ops, parent, run("run-b"))) {

        // when: run-a, not knowing, destroys its set and deletes "its" lock
        stale.closeAndDelete();

        // then: run-b's live Lease is untouched
        assertThat(lease(cluster).getSpec().getHolderIdentity()).isEqualTo("run-b");
        taken.ensureHeld();
      }
    }

    @Test
    void givenDeleteFailsWith503Twice_whenClosedAndDeleted_thenRetriedAndNoLeaseRemains(TestCluster cluster) {
      // given
      ApplySetLock lock = ApplySetLock.acquire(ops, parent, run("run-a"));
      cluster.faults().add(FaultSpec.parse("verb=delete,path=/apis/coordination.k8s.io/v1/namespaces/"
          + cluster.namespace() + "/leases/*,status=503,count=2"));

      // when
      lock.closeAndDelete();

      // then
      assertThat(lease(cluster)).isNull();
    }
  }

  @Nested
  class Renewal {

    @Test
    void givenRenewals_whenLongerThanTheTtlHasPassed_thenStillHeld(TestCluster cluster) {
      // given
      try (ApplySetLock held = ApplySetLock.acquire(ops, parent, run("run-a"))) {
        for (int i = 0; i < 4; i++) {
          time.advance(Duration.ofSeconds(20));
          held.renew();
        }

        // when: 80 s after acquiring, 0 s after the last renewal
        time.advance(Duration.ofSeconds(20));

        // then
        held.ensureHeld();
        assertThatThrownBy(() -> ApplySetLock.acquire(ops, parent, run("run-b")))
            .isInstanceOf(ApplySetLockedException.class);
        assertThat(lease(cluster).getSpec().getRenewTime().toInstant())
            .isEqualTo(time.instant().minus(Duration.ofSeconds(20)));
      }
    }

    @Test
    void givenBackgroundRenewal_whenRunning_thenRenewTimeMovesForward(TestCluster cluster) {
      // given: real clock, renewal every 100 ms
      LockOptions options = LockOptions.defaults().withHolder("run-a").withTtl(Duration.ofSeconds(2))
          .withRenewEvery(Duration.ofMillis(100));
      try (ApplySetLock held = ApplySetLock.acquire(ops, parent, options)) {
        Instant acquired = lease(cluster).getSpec().getRenewTime().toInstant();

        // then
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() ->
            assertThat(lease(cluster).getSpec().getRenewTime().toInstant()).isAfter(acquired));
        held.ensureHeld();
      }
    }

    @Test
    void givenRenewalsFailing_whenTheTtlPasses_thenEnsureHeldReportsTheLoss(TestCluster cluster) {
      // given
      ApplySetLock held = ApplySetLock.acquire(ops, parent, run("run-a"));
      cluster.faults().add(FaultSpec.parse("verb=update,path=/apis/coordination.k8s.io/v1/namespaces/"
          + cluster.namespace() + "/leases/*,status=503"));

      // when
      time.advance(Duration.ofSeconds(20));
      assertThatThrownBy(held::renew).isInstanceOf(dev.converge.core.errors.ServerErrorException.class);
      time.advance(Duration.ofSeconds(11));

      // then
      assertThatThrownBy(held::ensureHeld).isInstanceOf(LockLostException.class)
          .hasMessageContaining("not renewed for 30 s");
      cluster.faults().clear();
      held.close();
    }
  }

  @Nested
  class Races {

    @Test
    void givenTwoRunsAtOnce_whenBothAcquire_thenExactlyOneWinsEachRound(TestCluster cluster) throws Exception {
      // given: ten rounds, each on a fresh set, two threads released together
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 10; round++) {
          ApplySetParent set = ApplySetParent.secret(cluster.namespace(), "set-" + round);

          // when / then
          assertOneWinner(race(pool, set));
        }
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void givenExpiredLease_whenTwoRunsTakeItOverAtOnce_thenExactlyOneWins(TestCluster cluster) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 10; round++) {
          // given: a lease whose holder died five minutes ago
          ApplySetParent set = ApplySetParent.secret(cluster.namespace(), "expired-" + round);
          cluster.client().resource(LeaseClaim.create(cluster.namespace(), LeaseClaim.leaseName(set.id()),
              set.id(), "dead-run", time.instant().minus(Duration.ofMinutes(5)), TTL)).create();

          // when / then
          assertOneWinner(race(pool, set));
        }
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void givenFaultsOnLeaseWrites_whenTwoRunsRace_thenStillExactlyOneWins(TestCluster cluster) throws Exception {
      // given: 30 % of Lease writes fail with 503 or a reset after the write was committed
      String leases = "/apis/coordination.k8s.io/v1/namespaces/" + cluster.namespace() + "/leases*";
      cluster.faults().add(FaultSpec.parse("verb=create|update,path=" + leases
          + ",status=503,probability=0.15,seed=7"));
      cluster.faults().add(FaultSpec.parse("verb=create|update,path=" + leases
          + ",reset-after-commit,probability=0.15,seed=11"));
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 10; round++) {
          // when / then
          assertOneWinner(race(pool, ApplySetParent.secret(cluster.namespace(), "faulty-" + round)));
        }
      } finally {
        pool.shutdownNow();
      }
    }

    List<Object> race(ExecutorService pool, ApplySetParent set) throws Exception {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Object>> futures = new ArrayList<>();
      for (String holder : List.of("run-a", "run-b")) {
        Callable<Object> acquire = () -> {
          go.await();
          try {
            ApplySetLock lock = ApplySetLock.acquire(ops, set, LockOptions.defaults().withHolder(holder));
            return lock;
          } catch (ApplySetLockedException e) {
            return e;
          }
        };
        futures.add(pool.submit(acquire));
      }
      go.countDown();
      List<Object> outcomes = new ArrayList<>();
      for (Future<Object> f : futures) {
        outcomes.add(f.get(30, TimeUnit.SECONDS));
      }
      return outcomes;
    }

    void assertOneWinner(List<Object> outcomes) {
      List<ApplySetLock> winners = outcomes.stream().filter(ApplySetLock.class::isInstance)
          .map(ApplySetLock.class::cast).toList();
      List<ApplySetLockedException> losers = outcomes.stream()
          .filter(ApplySetLockedException.class::isInstance).map(ApplySetLockedException.class::cast).toList();
      try {
        assertThat(winners).hasSize(1);
        assertThat(losers).singleElement().extracting(ApplySetLockedException::holder)
            .isEqualTo(winners.get(0).holding().holder());
      } finally {
        winners.forEach(ApplySetLock::close);
      }
    }
  }
}
