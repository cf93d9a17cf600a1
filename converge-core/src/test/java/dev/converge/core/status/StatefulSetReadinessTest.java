package dev.converge.core.status;

import static dev.converge.core.status.Status.CURRENT;
import static dev.converge.core.status.Status.FAILED;
import static dev.converge.core.status.Status.IN_PROGRESS;

import dev.converge.core.status.Fixtures.Case;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class StatefulSetReadinessTest {

  static String statefulSet(String spec, String status) {
    return """
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db, generation: 4}
    spec: %s
    status: %s
    """
        .formatted(spec, status);
  }

  static String revisionPod(String name, String revision) {
    return """
    {apiVersion: v1, kind: Pod, metadata: {name: %s, labels: {controller-revision-hash: %s}},
     status: {phase: Running, conditions: [{type: Ready, status: "True"}]}}\
    """
        .formatted(name, revision);
  }

  static Stream<Case> cases() {
    return Stream.of(
        Case.of(
            "rolled out",
            statefulSet(
                "{replicas: 3}",
                "{observedGeneration: 4, replicas: 3, readyReplicas: 3, updatedReplicas: 3,"
                    + " currentRevision: db-b, updateRevision: db-b}"),
            CURRENT,
            "ReplicasReady",
            "3/3 replicas ready"),
        Case.of(
            "observedGeneration lags",
            statefulSet(
                "{replicas: 3}",
                "{observedGeneration: 3, replicas: 3, readyReplicas: 3, updatedReplicas: 3}"),
            IN_PROGRESS,
            "ObservedGenerationLag",
            "observed generation 3 of 4"),
        Case.of(
            "ready lags",
            statefulSet(
                "{replicas: 3}",
                "{observedGeneration: 4, replicas: 3, readyReplicas: 2, updatedReplicas: 3,"
                    + " currentRevision: db-b, updateRevision: db-b}"),
            IN_PROGRESS,
            "ReplicasNotReady",
            "2/3 replicas ready"),
        Case.of(
            "replicas default to 1",
            statefulSet(
                "{}",
                "{observedGeneration: 4, replicas: 1, readyReplicas: 1, updatedReplicas: 1,"
                    + " currentRevision: db-b, updateRevision: db-b}"),
            CURRENT,
            "ReplicasReady",
            "1/1 replicas ready"),
        Case.of(
            "scale down pending",
            statefulSet(
                "{replicas: 2}",
                "{observedGeneration: 4, replicas: 3, readyReplicas: 3, updatedReplicas: 3,"
                    + " currentRevision: db-b, updateRevision: db-b}"),
            IN_PROGRESS,
            "ReplicasPendingTermination",
            "1 extra replica pending termination"),
        Case.of(
            "rolling update: updated lags",
            statefulSet(
                "{replicas: 3}",
                "{observedGeneration: 4, replicas: 3, readyReplicas: 3, updatedReplicas: 1,"
                    + " currentRevision: db-a, updateRevision: db-b}"),
            IN_PROGRESS,
            "ReplicasUpdating",
            "1/3 replicas updated"),
        Case.of(
            "rolling update: all updated but revision not yet switched",
            statefulSet(
                "{replicas: 3}",
                "{observedGeneration: 4, replicas: 3, readyReplicas: 3, updatedReplicas: 3,"
                    + " currentRevision: db-a, updateRevision: db-b}"),
            IN_PROGRESS,
            "RevisionUpdating",
            "rolling update to revision db-b not finished"),
        Case.of(
            "partition 2: one ordinal above the partition updated is enough",
            statefulSet(
                "{replicas: 3, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition:"
                    + " 2}}}",
                "{observedGeneration: 4, replicas: 3, readyReplicas: 3, updatedReplicas: 1,"
                    + " currentRevision: db-a, updateRevision: db-b}"),
            CURRENT,
            "ReplicasReady",
            "1 updated above partition 2"),
        Case.of(
            "partition 1: only one of two ordinals above the partition updated",
            statefulSet(
                "{replicas: 3, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition:"
                    + " 1}}}",
                "{observedGeneration: 4, replicas: 3, readyReplicas: 3, updatedReplicas: 1,"
                    + " currentRevision: db-a, updateRevision: db-b}"),
            IN_PROGRESS,
            "ReplicasUpdating",
            "1/2 replicas updated (partition 1)"),
        Case.of(
                "OnDelete: ready with old-revision pods named",
                statefulSet(
                    "{replicas: 3, updateStrategy: {type: OnDelete}}",
                    "{observedGeneration: 4, replicas: 3, readyReplicas: 3, updatedReplicas: 1,"
                        + " currentRevision: db-a, updateRevision: db-b}"),
                CURRENT,
                "ReplicasReady",
                "3/3 replicas ready, 2 pods on the old revision (OnDelete): db-0, db-1")
            .with(
                Fixtures.pods(
                    revisionPod("db-0", "db-a"),
                    revisionPod("db-1", "db-a"),
                    revisionPod("db-2", "db-b"))),
        Case.of(
                "OnDelete: many old-revision pods are counted, a few named",
                statefulSet(
                    "{replicas: 7, updateStrategy: {type: OnDelete}}",
                    "{observedGeneration: 4, replicas: 7, readyReplicas: 7, updatedReplicas: 0,"
                        + " currentRevision: db-a, updateRevision: db-b}"),
                CURRENT,
                "ReplicasReady",
                "7 pods on the old revision (OnDelete): db-0, db-1, db-2, db-3, db-4 and 2 more")
            .with(
                Fixtures.pods(
                    java.util.stream.IntStream.range(0, 7)
                        .mapToObj(i -> revisionPod("db-" + i, "db-a"))
                        .toArray(String[]::new))),
        Case.of(
            "OnDelete: old revision counted from status without pods",
            statefulSet(
                "{replicas: 3, updateStrategy: {type: OnDelete}}",
                "{observedGeneration: 4, replicas: 3, readyReplicas: 3, updatedReplicas: 2,"
                    + " currentRevision: db-a, updateRevision: db-b}"),
            CURRENT,
            "ReplicasReady",
            "1 pod on the old revision (OnDelete)"),
        Case.of(
            "OnDelete: ready lags",
            statefulSet(
                "{replicas: 3, updateStrategy: {type: OnDelete}}",
                "{observedGeneration: 4, replicas: 3, readyReplicas: 1, updatedReplicas: 3}"),
            IN_PROGRESS,
            "ReplicasNotReady",
            "1/3 replicas ready"),
        Case.of(
                "crash-looping pod fails it",
                statefulSet(
                    "{replicas: 3}",
                    "{observedGeneration: 4, replicas: 3, readyReplicas: 2, updatedReplicas: 3}"),
                FAILED,
                "CrashLoopBackOff",
                "2/3 replicas ready, 1 pod CrashLoopBackOff (db-2/app)")
            .with(
                Fixtures.pods(
                    Fixtures.waitingPod(
                        "db-2",
                        "StatefulSet/db",
                        Fixtures.POD_START,
                        "CrashLoopBackOff",
                        "back-off"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givenStatefulSet_whenComputed_thenStatusReasonAndMessage(Case c) {
    c.verify();
  }
}
