package dev.converge.core.status.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.errors.NotReadyException;
import dev.converge.core.errors.ObjectRef;
import dev.converge.core.errors.RolloutFailedException;
import dev.converge.core.status.ReadinessOptions;
import dev.converge.core.status.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The waiter's decisions, driven by an in-memory watch source and a hand-moved clock. */
@Timeout(10)
class ReadinessWaiterTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final ObjectRef WEB = ObjectRef.of("apps/v1", "Deployment", "ns", "web");
  private static final ObjectRef JOB = ObjectRef.of("batch/v1", "Job", "ns", "migrate");

  private final FakeWatchSource source = new FakeWatchSource();
  private final MutableClock clock = new MutableClock(T0);
  private final List<ReadinessEvent> events = new CopyOnWriteArrayList<>();
  private final ReadinessWaiter waiter =
      new ReadinessWaiter(
          source,
          WaitOptions.DEFAULTS
              .withTimeout(Duration.ofSeconds(60))
              .withReadiness(ReadinessOptions.DEFAULTS.withPodFailureGrace(Duration.ofSeconds(5))),
          clock);

  @AfterEach
  void closeWaiter() {
    waiter.close();
  }

  static String deployment(int updated, int available) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: ns, uid: d1, generation: 1,
                   annotations: {deployment.kubernetes.io/revision: "1"}}
        spec: {replicas: 1}
        status: {observedGeneration: 1, replicas: 1, updatedReplicas: %d, availableReplicas: %d}
        """
        .formatted(updated, available);
  }

  static final String REPLICA_SET =
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata: {name: web-1, namespace: ns, uid: rs1,
                 annotations: {deployment.kubernetes.io/revision: "1"},
                 ownerReferences: [{kind: Deployment, name: web, uid: d1}]}
      """;

  static final String FAILING_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web-1-x, namespace: ns, uid: p1, creationTimestamp: "2026-01-01T00:00:00Z",
                 ownerReferences: [{kind: ReplicaSet, name: web-1, uid: rs1}]}
      status:
        phase: Pending
        startTime: "2026-01-01T00:00:00Z"
        containerStatuses:
        - name: app
          image: registry.example/app:v9
          state: {waiting: {reason: ImagePullBackOff, message: "image registry.example/app:v9 not found"}}
      """;

  static final String WARNING =
      """
      apiVersion: v1
      kind: Event
      metadata: {name: web.1, namespace: ns}
      type: Warning
      reason: FailedCreate
      message: quota exceeded
      count: 3
      involvedObject: {kind: Deployment, name: web, namespace: ns, uid: d1}
      """;

  @Nested
  class ReportsChanges {
    @Test
    void givenDeploymentInProgress_whenStatusCatchesUp_thenReportsEachChangeAndReaches() {
      // given
      source.put(deployment(0, 0));
      WaitHandle handle = waiter.start(List.of(WaitTarget.of(WEB)), events::add);
      assertThat(handle.result()).isNotDone();
      // when
      source.put(deployment(1, 0));
      source.put(deployment(1, 1));
      // then
      assertThat(events).extracting(e -> e.readiness().reason())
          .containsExactly("ReplicasUpdating", "ReplicasUnavailable", "ReplicasAvailable");
      WaitResult result = handle.result().join();
      assertThat(result.allReached()).isTrue();
      assertThat(result.orThrow()).isSameAs(result);
    }

    @Test
    void givenHundredObjectsInOneNamespace_whenWaiting_thenOneWatchPerKindAndNamespace() {
      // given
      List<WaitTarget> targets = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        targets.add(WaitTarget.of(ObjectRef.of("example.dev/v1", "Widget", "ns", "w" + i)));
      }
      // when
      waiter.start(targets, ReadinessListener.NONE);
      // then: the widgets, their definitions and the namespace's events
      assertThat(source.watched)
          .containsExactlyInAnyOrder(
              "example.dev/v1 Widget|ns",
              "apiextensions.k8s.io/v1 CustomResourceDefinition|null",
              "v1 Event|ns");
    }
  }

  @Nested
  class StatusGrace {
    static final ObjectRef ROUTE = ObjectRef.of("example.dev/v1", "Route", "ns", "site");

    static final String ROUTES_WITH_STATUS =
        """
        {apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition, metadata: {name: routes.example.dev},
         spec: {group: example.dev, names: {kind: Route, plural: routes},
                versions: [{name: v1, served: true, storage: true, subresources: {status: {}}}]}}
        """;

    static final String ROUTE_WITHOUT_STATUS =
        """
        {apiVersion: example.dev/v1, kind: Route,
         metadata: {name: site, namespace: ns, uid: r1, generation: 1, creationTimestamp: "2026-01-01T00:00:00Z"}}
        """;

    @Test
    void givenCustomResourceNoControllerWritesStatusFor_whenStatusGraceRunsOut_thenCurrentByExistence() {
      // given: a route whose definition declares status, and no controller writing it
      source.put(ROUTES_WITH_STATUS);
      source.put(ROUTE_WITHOUT_STATUS);
      clock.advance(Duration.ofSeconds(1));
      WaitSession session = (WaitSession) waiter.start(List.of(WaitTarget.of(ROUTE)), events::add);
      assertThat(session.current().get(0).readiness().reason()).isEqualTo("AwaitingStatus");
      // when: only time passes, to the end of the default 20 s grace
      clock.advance(Duration.ofMillis(18_999));
      session.tick();
      assertThat(session.result()).isNotDone();
      clock.advance(Duration.ofMillis(1));
      session.tick();
      // then
      WaitResult result = session.result().join();
      assertThat(result.allReached()).isTrue();
      assertThat(result.outcomes().get(0).last().reason()).isEqualTo("NoStatusReported");
    }

    @Test
    void givenCustomResourceWithinStatusGrace_whenControllerWritesReady_thenCurrentAtOnce() {
      // given
      source.put(ROUTES_WITH_STATUS);
      source.put(ROUTE_WITHOUT_STATUS);
      WaitHandle handle = waiter.start(List.of(WaitTarget.of(ROUTE)), events::add);
      // when
      source.put(ROUTE_WITHOUT_STATUS.replace("}}", "}, status: {conditions: [{type: Ready, status: \"True\"}]}}"));
      // then
      assertThat(handle.result().join().allReached()).isTrue();
      assertThat(events).extracting(e -> e.readiness().reason()).containsExactly("AwaitingStatus", "Ready");
    }
  }

  @Nested
  class FailsFast {
    @Test
    void givenPodInImagePullBackOff_whenGraceRunsOut_thenFailedNamingPodAndContainer() {
      // given: the pod started at T0; one second later it is within the 5 s grace
      clock.advance(Duration.ofSeconds(1));
      source.put(deployment(1, 0));
      source.put(REPLICA_SET);
      source.put(FAILING_POD);
      WaitSession session = (WaitSession) waiter.start(List.of(WaitTarget.of(WEB)), events::add);
      assertThat(session.current().get(0).readiness().status()).isEqualTo(Status.IN_PROGRESS);
      // when: nothing changes in the cluster, only time passes
      clock.advance(Duration.ofSeconds(4));
      session.tick();
      // then
      WaitResult result = session.result().join();
      ObjectOutcome outcome = result.outcomes().get(0);
      assertThat(outcome.verdict()).isEqualTo(Verdict.FAILED);
      assertThat(outcome.last().reason()).isEqualTo("ImagePullBackOff");
      assertThatThrownBy(result::orThrow)
          .isInstanceOf(RolloutFailedException.class)
          .hasMessageContaining("web-1-x/app ImagePullBackOff")
          .hasMessageContaining("registry.example/app:v9");
    }

    @Test
    void givenPodInImagePullBackOff_whenJustBeforeGraceEnds_thenStillInProgress() {
      // given
      clock.advance(Duration.ofSeconds(1));
      source.put(deployment(1, 0));
      source.put(REPLICA_SET);
      source.put(FAILING_POD);
      WaitSession session = (WaitSession) waiter.start(List.of(WaitTarget.of(WEB)), events::add);
      // when
      clock.advance(Duration.ofMillis(3_999));
      session.tick();
      // then
      assertThat(session.result()).isNotDone();
      assertThat(events).extracting(e -> e.readiness().status()).containsOnly(Status.IN_PROGRESS);
    }
  }

  @Nested
  class TimesOut {
    @Test
    void givenDeploymentStuck_whenTimeoutPasses_thenReportNamesLastStatusAndWarnings() {
      // given
      source.put(deployment(0, 0));
      source.put(WARNING);
      WaitSession session = (WaitSession) waiter.start(List.of(WaitTarget.of(WEB)), events::add);
      // when
      clock.advance(Duration.ofSeconds(60));
      session.tick();
      // then
      WaitResult result = session.result().join();
      assertThat(result.outcomes().get(0).verdict()).isEqualTo(Verdict.TIMED_OUT);
      assertThatThrownBy(result::orThrow)
          .isInstanceOfSatisfying(
              NotReadyException.class,
              e -> {
                assertThat(e.lastStatus()).startsWith("IN_PROGRESS ReplicasUpdating");
                assertThat(e.warningEvents())
                    .containsExactly("Deployment/web FailedCreate: quota exceeded (x3)");
              })
          .hasMessageContaining("apps/v1 Deployment ns/web");
    }

    @Test
    void givenDeploymentStuck_whenJustBeforeTimeout_thenStillWaiting() {
      // given
      source.put(deployment(0, 0));
      WaitSession session = (WaitSession) waiter.start(List.of(WaitTarget.of(WEB)), events::add);
      // when
      clock.advance(Duration.ofSeconds(59));
      session.tick();
      // then
      assertThat(session.result()).isNotDone();
    }
  }

  @Nested
  class Jobs {
    @Test
    void givenJobSeenComplete_whenTtlDeletesIt_thenStaysCurrent() {
      // given: a Job that completed while a Deployment still rolls out
      source.put(deployment(0, 0));
      source.put(
          """
          apiVersion: batch/v1
          kind: Job
          metadata: {name: migrate, namespace: ns, uid: j1, generation: 1}
          spec: {ttlSecondsAfterFinished: 0}
          status: {conditions: [{type: Complete, status: "True"}]}
          """);
      WaitHandle handle =
          waiter.start(List.of(WaitTarget.of(WEB), WaitTarget.of(JOB)), events::add);
      // when: the TTL controller removes the Job, then the Deployment finishes
      source.delete(new ResourceType("batch/v1", "Job"), "ns", "migrate");
      source.put(deployment(1, 1));
      // then
      assertThat(events).filteredOn(e -> e.ref().equals(JOB))
          .extracting(e -> e.readiness().status())
          .containsOnly(Status.CURRENT);
      assertThat(handle.result().join().allReached()).isTrue();
    }

    @Test
    void givenJobNeverSeenComplete_whenDeleted_thenNotFound() {
      // given
      source.put(
          """
          apiVersion: batch/v1
          kind: Job
          metadata: {name: migrate, namespace: ns, uid: j1}
          status: {active: 1}
          """);
      WaitHandle handle = waiter.start(List.of(WaitTarget.of(JOB)), events::add);
      // when
      source.delete(new ResourceType("batch/v1", "Job"), "ns", "migrate");
      // then
      assertThat(handle.current().get(0).readiness().status()).isEqualTo(Status.NOT_FOUND);
      assertThat(handle.result()).isNotDone();
    }
  }

  @Nested
  class Deletion {
    @Test
    void givenWaitForDeletion_whenRecreatedWithNewUid_thenCountsAsGone() {
      // given
      source.put(deployment(1, 1));
      WaitHandle handle =
          waiter.start(
              List.of(new WaitTarget(WEB, "d1")),
              WaitOptions.DEFAULTS.withGoal(Goal.DELETED),
              events::add);
      assertThat(handle.result()).isNotDone();
      // when
      source.put(deployment(1, 1).replace("uid: d1", "uid: d2"));
      // then
      assertThat(handle.result().join().allReached()).isTrue();
    }

    @Test
    void givenWaitForDeletion_whenSameUidStillThere_thenNotDone() {
      // given
      source.put(deployment(1, 1));
      WaitHandle handle =
          waiter.start(
              List.of(new WaitTarget(WEB, "d1")),
              WaitOptions.DEFAULTS.withGoal(Goal.DELETED),
              events::add);
      // when
      source.put(deployment(1, 1).replace("generation: 1", "generation: 1, labels: {a: b}"));
      // then
      assertThat(handle.result()).isNotDone();
    }
  }
}
