package dev.converge.core.status;

import static dev.converge.core.status.Fixtures.POD_START;
import static dev.converge.core.status.Fixtures.waitingPod;
import static dev.converge.core.status.Status.CURRENT;
import static dev.converge.core.status.Status.FAILED;
import static dev.converge.core.status.Status.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.status.Fixtures.Case;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class DeploymentReadinessTest {

  static String deployment(String spec, String status) {
    return """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, generation: 2, annotations: {deployment.kubernetes.io/revision: "2"}}
    spec: %s
    status: %s
    """
        .formatted(spec, status);
  }

  static Stream<Case> cases() {
    return Stream.of(
        Case.of(
            "all replicas updated and available",
            deployment(
                "{replicas: 3}",
                "{observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3,"
                    + " availableReplicas: 3}"),
            CURRENT,
            "ReplicasAvailable",
            "3/3 replicas available"),
        Case.of(
            "observedGeneration lags",
            deployment(
                "{replicas: 3}",
                "{observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3}"),
            IN_PROGRESS,
            "ObservedGenerationLag",
            "observed generation 1 of 2"),
        Case.of(
            "status not yet written",
            deployment("{replicas: 3}", "{}"),
            IN_PROGRESS,
            "NotObserved",
            "has not observed"),
        Case.of(
            "updated lags",
            deployment(
                "{replicas: 3}",
                "{observedGeneration: 2, replicas: 3, updatedReplicas: 1, availableReplicas: 3}"),
            IN_PROGRESS,
            "ReplicasUpdating",
            "1/3 replicas updated"),
        Case.of(
            "surge pods still present",
            deployment(
                "{replicas: 3}",
                "{observedGeneration: 2, replicas: 4, updatedReplicas: 3, availableReplicas: 3}"),
            IN_PROGRESS,
            "OldReplicasPending",
            "1 old replica pending termination"),
        Case.of(
            "ready and available lag",
            deployment(
                "{replicas: 3}",
                "{observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 2,"
                    + " availableReplicas: 2}"),
            IN_PROGRESS,
            "ReplicasUnavailable",
            "2/3 replicas available"),
        Case.of(
            "replicas default to 1, one available",
            deployment(
                "{}",
                "{observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 1}"),
            CURRENT,
            "ReplicasAvailable",
            "1/1 replicas available"),
        Case.of(
            "replicas default to 1, none yet",
            deployment("{}", "{observedGeneration: 2}"),
            IN_PROGRESS,
            "ReplicasUpdating",
            "0/1 replicas updated"),
        Case.of(
            "replicas 0 is current once observed",
            deployment("{replicas: 0}", "{observedGeneration: 2}"),
            CURRENT,
            "ReplicasAvailable",
            "0/0 replicas available"),
        Case.of(
            "replicas 0 not yet observed",
            deployment("{replicas: 0}", "{observedGeneration: 1, replicas: 2}"),
            IN_PROGRESS,
            "ObservedGenerationLag",
            "1 of 2"),
        Case.of(
            "progress deadline exceeded",
            deployment(
                "{replicas: 3}",
                """
                {observedGeneration: 2, replicas: 3, updatedReplicas: 1, availableReplicas: 2,
                 conditions: [{type: Progressing, status: "False", reason: ProgressDeadlineExceeded,
                               message: "ReplicaSet web-2 has timed out progressing."}]}\
                """),
            FAILED,
            "ProgressDeadlineExceeded",
            "progress deadline exceeded: ReplicaSet web-2 has timed out"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givenDeployment_whenComputed_thenStatusReasonAndMessage(Case c) {
    c.verify();
  }

  static final String ROLLING_OUT =
      deployment(
          "{replicas: 3}",
          "{observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 2}");

  static final String NEW_RS =
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata: {name: web-new, annotations: {deployment.kubernetes.io/revision: "2"}}
      """;

  static final String OLD_RS =
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata: {name: web-old, annotations: {deployment.kubernetes.io/revision: "1"}}
      """;

  @Test
  void givenNewPodInImagePullBackOffPastGrace_whenComputed_thenFailedNamingPodContainerAndImage() {
    // given
    Related related =
        Related.builder()
            .replicaSets(Fixtures.yamls(NEW_RS, OLD_RS))
            .pods(
                Fixtures.yamls(
                    waitingPod(
                        "web-new-1", "ReplicaSet/web-new", POD_START, "ImagePullBackOff", "")))
            .build();
    // when
    Readiness r = Fixtures.compute(ROLLING_OUT, related);
    // then
    assertThat(r.status()).isEqualTo(FAILED);
    assertThat(r.reason()).isEqualTo("ImagePullBackOff");
    assertThat(r.message())
        .isEqualTo(
            "2/3 replicas available, 1 pod ImagePullBackOff (web-new-1/app): image"
                + " registry.example/app:v9");
    assertThat(r.podFailures())
        .singleElement()
        .satisfies(f -> assertThat(f.where()).isEqualTo("web-new-1/app"));
  }

  @Test
  void givenNewPodFailingWithinGrace_whenComputed_thenInProgressWithTheFailureReported() {
    // given: the pod started 10 s before NOW, inside the 30 s grace
    Related related =
        Fixtures.pods(
            waitingPod(
                "web-new-1",
                "ReplicaSet/web-new",
                "2026-01-01T00:09:50Z",
                "ErrImagePull",
                "manifest unknown"));
    // when
    Readiness r = Fixtures.compute(ROLLING_OUT, related);
    // then
    assertThat(r.status()).isEqualTo(IN_PROGRESS);
    assertThat(r.reason()).isEqualTo("ReplicasUnavailable");
    assertThat(r.message()).contains("1 pod ErrImagePull (web-new-1/app): manifest unknown");
  }

  @Test
  void givenOnlyAnOldReplicaSetPodFailing_whenComputed_thenStillInProgress() {
    // given: the failing pod belongs to the previous revision, which is being scaled away
    Related related =
        Related.builder()
            .replicaSets(Fixtures.yamls(NEW_RS, OLD_RS))
            .pods(
                Fixtures.yamls(
                    waitingPod(
                        "web-old-1", "ReplicaSet/web-old", POD_START, "CrashLoopBackOff", "")))
            .build();
    // when
    Readiness r = Fixtures.compute(ROLLING_OUT, related);
    // then
    assertThat(r.status()).isEqualTo(IN_PROGRESS);
    assertThat(r.podFailures()).isEmpty();
  }

  @Test
  void givenWarningEventsOfDeploymentAndPod_whenFailed_thenBothAttachedNewestFirst() {
    // given
    Related related =
        Related.builder()
            .pods(
                Fixtures.yamls(
                    waitingPod(
                        "web-new-1", "ReplicaSet/web-new", POD_START, "ImagePullBackOff", "")))
            .events(
                Fixtures.yamls(
                    """
                    {type: Warning, reason: Failed, message: "image registry.example/app:v9 not found", count: 3,
                     lastTimestamp: "2026-01-01T00:09:00Z", involvedObject: {kind: Pod, name: web-new-1}}\
                    """,
                    """
                    {type: Warning, reason: FailedCreate, message: "quota exceeded",
                     lastTimestamp: "2026-01-01T00:05:00Z", involvedObject: {kind: Deployment, name: web}}\
                    """,
                    """
                    {type: Normal, reason: Pulling, message: "pulling", involvedObject: {kind: Pod, name: web-new-1}}\
                    """,
                    """
                    {type: Warning, reason: BackOff, message: "other pod", involvedObject: {kind: Pod, name: api-1}}\
                    """))
            .build();
    // when
    Readiness r = Fixtures.compute(ROLLING_OUT, related);
    // then
    assertThat(r.status()).isEqualTo(FAILED);
    assertThat(r.warnings())
        .extracting(WarningEvent::oneLine)
        .containsExactly(
            "Pod/web-new-1 Failed: image registry.example/app:v9 not found (x3)",
            "Deployment/web FailedCreate: quota exceeded");
  }

  @Test
  void givenCurrentDeployment_whenComputed_thenNoWarningsAttached() {
    // given
    String ready =
        deployment(
            "{replicas: 1}",
            "{observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 1}");
    Related related =
        Related.builder()
            .events(
                Fixtures.yamls(
                    "{type: Warning, reason: Old, message: m, involvedObject: {kind: Deployment,"
                        + " name: web}}"))
            .build();
    // when
    Readiness r = Fixtures.compute(ready, related);
    // then
    assertThat(r.status()).isEqualTo(CURRENT);
    assertThat(r.warnings()).isEmpty();
  }
}
