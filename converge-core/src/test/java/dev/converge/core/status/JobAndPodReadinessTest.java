package dev.converge.core.status;

import static dev.converge.core.status.Fixtures.POD_START;
import static dev.converge.core.status.Fixtures.waitingPod;
import static dev.converge.core.status.Status.CURRENT;
import static dev.converge.core.status.Status.FAILED;
import static dev.converge.core.status.Status.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.status.Fixtures.Case;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class JobAndPodReadinessTest {

  static String job(String status) {
    return """
    {apiVersion: batch/v1, kind: Job, metadata: {name: migrate, generation: 1},
     spec: {completions: 1, ttlSecondsAfterFinished: 60}, status: %s}\
    """
        .formatted(status);
  }

  static String pod(String status) {
    return "{apiVersion: v1, kind: Pod, metadata: {name: web-1, creationTimestamp: \"%s\"}, status: %s}"
        .formatted(POD_START, status);
  }

  static Stream<Case> jobs() {
    return Stream.of(
        Case.of(
            "complete",
            job("{succeeded: 1, conditions: [{type: Complete, status: \"True\"}]}"),
            CURRENT,
            "JobComplete",
            "0 active, 1/1 succeeded"),
        Case.of(
            "failed with its reason",
            job(
                "{failed: 7, conditions: [{type: Failed, status: \"True\", reason:"
                    + " BackoffLimitExceeded, message: \"Job has reached the specified backoff"
                    + " limit\"}]}"),
            FAILED,
            "BackoffLimitExceeded",
            "job failed: BackoffLimitExceeded: Job has reached the specified backoff limit"),
        Case.of(
            "failure target precedes Failed",
            job(
                "{conditions: [{type: FailureTarget, status: \"True\", reason: DeadlineExceeded,"
                    + " message: \"Job was active longer than specified deadline\"}]}"),
            FAILED,
            "DeadlineExceeded",
            "active longer"),
        Case.of(
            "just started is not done",
            job("{active: 1, startTime: \"2026-01-01T00:00:00Z\"}"),
            IN_PROGRESS,
            "JobRunning",
            "1 active, 0/1 succeeded, 0 failed"),
        Case.of("not started at all", job("{}"), IN_PROGRESS, "JobRunning", "0 active"),
        Case.of(
            "suspended",
            job("{conditions: [{type: Suspended, status: \"True\"}]}"),
            IN_PROGRESS,
            "JobSuspended",
            "job suspended"),
        Case.of(
                "running pod cannot pull its image",
                job("{active: 1}"),
                FAILED,
                "ErrImagePull",
                "1 pod ErrImagePull (migrate-x/app)")
            .with(
                Fixtures.pods(
                    waitingPod(
                        "migrate-x", "Job/migrate", POD_START, "ErrImagePull", "not found"))));
  }

  static Stream<Case> pods() {
    return Stream.of(
        Case.of(
            "ready",
            pod("{phase: Running, conditions: [{type: Ready, status: \"True\"}]}"),
            CURRENT,
            "PodReady",
            "pod ready"),
        Case.of("succeeded", pod("{phase: Succeeded}"), CURRENT, "PodSucceeded", "pod succeeded"),
        Case.of(
            "failed",
            pod(
                "{phase: Failed, reason: Evicted, message: \"The node was low on resource:"
                    + " memory.\"}"),
            FAILED,
            "Evicted",
            "pod failed: The node was low on resource: memory."),
        Case.of(
            "pending unschedulable",
            pod(
                "{phase: Pending, conditions: [{type: PodScheduled, status: \"False\", reason:"
                    + " Unschedulable, message: \"0/3 nodes are available\"}]}"),
            IN_PROGRESS,
            "PodNotReady",
            "pod Pending, not scheduled: Unschedulable: 0/3 nodes are available"),
        Case.of(
            "running not ready",
            pod(
                "{phase: Running, conditions: [{type: Ready, status: \"False\", reason:"
                    + " ContainersNotReady, message: \"containers with unready status: [app]\"}]}"),
            IN_PROGRESS,
            "PodNotReady",
            "pod Running, not ready: ContainersNotReady: containers with unready status: [app]"),
        Case.of(
            "no status yet",
            "{apiVersion: v1, kind: Pod, metadata: {name: web-1}}",
            IN_PROGRESS,
            "PodNotReady",
            "pod Pending, not ready"),
        Case.of(
            "crash loop names the last exit",
            pod(
                """
                {phase: Running, startTime: "%s", containerStatuses: [{name: app, restartCount: 4,
                 state: {waiting: {reason: CrashLoopBackOff, message: "back-off 40s restarting failed container"}},
                 lastState: {terminated: {reason: OOMKilled, exitCode: 137}}}]}\
                """
                    .formatted(POD_START)),
            FAILED,
            "CrashLoopBackOff",
            "1 pod CrashLoopBackOff (web-1/app): last exit OOMKilled (137), restarted 4 times"),
        Case.of(
            "init container with invalid image",
            pod(
                """
                {phase: Pending, startTime: "%s", initContainerStatuses: [{name: init, image: "bad image",
                 state: {waiting: {reason: InvalidImageName}}}]}\
                """
                    .formatted(POD_START)),
            FAILED,
            "InvalidImageName",
            "1 pod InvalidImageName (web-1/init): image bad image"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jobs")
  void givenJob_whenComputed_thenStatusReasonAndMessage(Case c) {
    c.verify();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pods")
  void givenPod_whenComputed_thenStatusReasonAndMessage(Case c) {
    c.verify();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "CrashLoopBackOff",
        "ImagePullBackOff",
        "ErrImagePull",
        "CreateContainerConfigError",
        "InvalidImageName"
      })
  void givenFailingWaitingReasonPastGrace_whenComputed_thenFailedNamingPodAndContainer(
      String reason) {
    // given
    String pod = waitingPod("web-1", "ReplicaSet/web-1", POD_START, reason, "detail");
    // when
    Readiness r = Fixtures.compute(pod, Related.NONE);
    // then
    assertThat(r.status()).isEqualTo(FAILED);
    assertThat(r.reason()).isEqualTo(reason);
    assertThat(r.podFailures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.pod()).isEqualTo("web-1");
              assertThat(f.container()).isEqualTo("app");
            });
  }

  @Test
  void givenImagePullBackOffOneSecondBeforeGraceEnds_whenComputed_thenInProgress() {
    // given
    Instant start = Instant.parse(POD_START);
    String pod = waitingPod("web-1", "ReplicaSet/web-1", POD_START, "ImagePullBackOff", "");
    Instant justBefore = start.plus(ReadinessOptions.DEFAULT_POD_FAILURE_GRACE).minusSeconds(1);
    // when
    Readiness r = ReadinessModel.compute(Fixtures.yaml(pod), Related.NONE, justBefore);
    // then
    assertThat(r.status()).isEqualTo(IN_PROGRESS);
    assertThat(r.message()).contains("1 pod ImagePullBackOff (web-1/app)");
    assertThat(r.podFailures()).singleElement().satisfies(f -> assertThat(f.pastGrace()).isFalse());
  }

  @Test
  void givenImagePullBackOffWhenGraceEnds_whenComputed_thenFailed() {
    // given
    Instant start = Instant.parse(POD_START);
    String pod = waitingPod("web-1", "ReplicaSet/web-1", POD_START, "ImagePullBackOff", "");
    // when
    Readiness r =
        ReadinessModel.compute(
            Fixtures.yaml(pod),
            Related.NONE,
            start.plus(ReadinessOptions.DEFAULT_POD_FAILURE_GRACE));
    // then
    assertThat(r.status()).isEqualTo(FAILED);
  }

  @Test
  void givenLongerGraceOption_whenComputed_thenStillInProgress() {
    // given
    String pod = waitingPod("web-1", "ReplicaSet/web-1", POD_START, "ErrImagePull", "");
    ReadinessOptions patient = ReadinessOptions.DEFAULTS.withPodFailureGrace(Duration.ofHours(1));
    // when
    Readiness r = ReadinessModel.compute(Fixtures.yaml(pod), Related.NONE, Fixtures.NOW, patient);
    // then
    assertThat(r.status()).isEqualTo(IN_PROGRESS);
  }

  @Test
  void givenJobSeenCompleteThenRemovedByTtl_whenComputed_thenStillCurrent() {
    // given
    Related seen = Related.builder().seenComplete(true).build();
    // when
    Readiness r =
        ReadinessModel.compute((com.fasterxml.jackson.databind.JsonNode) null, seen, Fixtures.NOW);
    // then
    assertThat(r.status()).isEqualTo(CURRENT);
    assertThat(r.reason()).isEqualTo("CompletedAndRemoved");
  }

  @Test
  void givenJobNeverSeenComplete_whenAbsent_thenNotFound() {
    // when
    Readiness r =
        ReadinessModel.compute(
            (com.fasterxml.jackson.databind.JsonNode) null, Related.NONE, Fixtures.NOW);
    // then
    assertThat(r.status()).isEqualTo(Status.NOT_FOUND);
  }
}
