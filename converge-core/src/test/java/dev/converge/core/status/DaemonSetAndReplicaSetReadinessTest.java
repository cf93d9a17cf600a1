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
class DaemonSetAndReplicaSetReadinessTest {

  static String daemonSet(String spec, String status) {
    return "{apiVersion: apps/v1, kind: DaemonSet, metadata: {name: agent, generation: 2}, spec: %s, status: %s}"
        .formatted(spec, status);
  }

  static String replicaSet(String spec, String status) {
    return "{apiVersion: apps/v1, kind: ReplicaSet, metadata: {name: web-1, generation: 1}, spec: %s, status: %s}"
        .formatted(spec, status);
  }

  static Stream<Case> daemonSets() {
    return Stream.of(
        Case.of(
            "all nodes run the updated pod",
            daemonSet(
                "{}",
                "{observedGeneration: 2, desiredNumberScheduled: 3, currentNumberScheduled: 3,"
                    + " updatedNumberScheduled: 3, numberReady: 3, numberAvailable: 3}"),
            CURRENT,
            "PodsAvailable",
            "3/3 pods available"),
        Case.of(
            "no nodes match",
            daemonSet("{}", "{observedGeneration: 2, desiredNumberScheduled: 0}"),
            CURRENT,
            "PodsAvailable",
            "0/0 pods available"),
        Case.of(
            "observedGeneration lags",
            daemonSet(
                "{}",
                "{observedGeneration: 1, desiredNumberScheduled: 3, currentNumberScheduled: 3,"
                    + " updatedNumberScheduled: 3, numberReady: 3, numberAvailable: 3}"),
            IN_PROGRESS,
            "ObservedGenerationLag",
            "1 of 2"),
        Case.of(
            "desired not counted yet",
            daemonSet("{}", "{observedGeneration: 2}"),
            IN_PROGRESS,
            "NotObserved",
            "not counted the nodes"),
        Case.of(
            "scheduled lags",
            daemonSet(
                "{}",
                "{observedGeneration: 2, desiredNumberScheduled: 3, currentNumberScheduled: 2,"
                    + " updatedNumberScheduled: 2, numberReady: 2, numberAvailable: 2}"),
            IN_PROGRESS,
            "PodsNotScheduled",
            "2/3 pods scheduled"),
        Case.of(
            "updated lags",
            daemonSet(
                "{}",
                "{observedGeneration: 2, desiredNumberScheduled: 3, currentNumberScheduled: 3,"
                    + " updatedNumberScheduled: 1, numberReady: 3, numberAvailable: 3}"),
            IN_PROGRESS,
            "PodsUpdating",
            "1/3 pods updated"),
        Case.of(
            "OnDelete does not wait for updates",
            daemonSet(
                "{updateStrategy: {type: OnDelete}}",
                "{observedGeneration: 2, desiredNumberScheduled: 3, currentNumberScheduled: 3,"
                    + " updatedNumberScheduled: 1, numberReady: 3, numberAvailable: 3}"),
            CURRENT,
            "PodsAvailable",
            "3/3 pods available"),
        Case.of(
            "ready lags",
            daemonSet(
                "{}",
                "{observedGeneration: 2, desiredNumberScheduled: 3, currentNumberScheduled: 3,"
                    + " updatedNumberScheduled: 3, numberReady: 2, numberAvailable: 2}"),
            IN_PROGRESS,
            "PodsNotReady",
            "2/3 pods ready"),
        Case.of(
            "available lags",
            daemonSet(
                "{}",
                "{observedGeneration: 2, desiredNumberScheduled: 3, currentNumberScheduled: 3,"
                    + " updatedNumberScheduled: 3, numberReady: 3, numberAvailable: 2}"),
            IN_PROGRESS,
            "PodsUnavailable",
            "2/3 pods available"),
        Case.of(
                "pod with bad config fails it",
                daemonSet(
                    "{}",
                    "{observedGeneration: 2, desiredNumberScheduled: 3, currentNumberScheduled: 3,"
                        + " updatedNumberScheduled: 3, numberReady: 2, numberAvailable: 2}"),
                FAILED,
                "CreateContainerConfigError",
                "1 pod CreateContainerConfigError (agent-x/app): secret \"s\" not found")
            .with(
                Fixtures.pods(
                    Fixtures.waitingPod(
                        "agent-x",
                        "DaemonSet/agent",
                        Fixtures.POD_START,
                        "CreateContainerConfigError",
                        "secret \\\"s\\\" not found"))));
  }

  static Stream<Case> replicaSets() {
    return Stream.of(
        Case.of(
            "all available",
            replicaSet(
                "{replicas: 2}",
                "{observedGeneration: 1, replicas: 2, readyReplicas: 2, availableReplicas: 2}"),
            CURRENT,
            "ReplicasAvailable",
            "2/2 replicas available"),
        Case.of(
            "replicas default to 1",
            replicaSet(
                "{}",
                "{observedGeneration: 1, replicas: 1, readyReplicas: 1, availableReplicas: 1}"),
            CURRENT,
            "ReplicasAvailable",
            "1/1 replicas available"),
        Case.of(
            "replicas 0",
            replicaSet("{replicas: 0}", "{observedGeneration: 1, replicas: 0}"),
            CURRENT,
            "ReplicasAvailable",
            "0/0 replicas available"),
        Case.of(
            "not observed",
            replicaSet("{replicas: 2}", "{replicas: 0}"),
            IN_PROGRESS,
            "NotObserved",
            "has not observed"),
        Case.of(
            "creating",
            replicaSet(
                "{replicas: 2}",
                "{observedGeneration: 1, replicas: 1, readyReplicas: 1, availableReplicas: 1}"),
            IN_PROGRESS,
            "ReplicasCreating",
            "1/2 replicas created"),
        Case.of(
            "scaling down",
            replicaSet(
                "{replicas: 1}",
                "{observedGeneration: 1, replicas: 2, readyReplicas: 2, availableReplicas: 2}"),
            IN_PROGRESS,
            "ReplicasPendingTermination",
            "1 extra replica pending termination"),
        Case.of(
            "ready lags",
            replicaSet(
                "{replicas: 2}",
                "{observedGeneration: 1, replicas: 2, readyReplicas: 1, availableReplicas: 1}"),
            IN_PROGRESS,
            "ReplicasNotReady",
            "1/2 replicas ready"),
        Case.of(
            "available lags",
            replicaSet(
                "{replicas: 2}",
                "{observedGeneration: 1, replicas: 2, readyReplicas: 2, availableReplicas: 1}"),
            IN_PROGRESS,
            "ReplicasUnavailable",
            "1/2 replicas available"),
        Case.of(
            "pod creation refused",
            replicaSet(
                "{replicas: 2}",
                """
                {observedGeneration: 1, replicas: 0, conditions: [{type: ReplicaFailure, status: "True",
                 reason: FailedCreate, message: "exceeded quota"}]}\
                """),
            IN_PROGRESS,
            "ReplicaFailure",
            "FailedCreate: exceeded quota"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("daemonSets")
  void givenDaemonSet_whenComputed_thenStatusReasonAndMessage(Case c) {
    c.verify();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replicaSets")
  void givenReplicaSet_whenComputed_thenStatusReasonAndMessage(Case c) {
    c.verify();
  }
}
