package dev.converge.core.status.wait;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.errors.ObjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A change to a pod or an event recomputes only the targets on its owner chain. */
@Timeout(10)
class OwnerChainRecomputeTest {
  private final FakeWatchSource source = new FakeWatchSource();
  private final ReadinessWaiter waiter =
      new ReadinessWaiter(source, WaitOptions.DEFAULTS, new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
  private final List<ReadinessEvent> heard = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    waiter.close();
  }

  private static String deployment(int i) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d%1$d, namespace: ns, uid: d%1$d-uid, generation: 1,
                   annotations: {deployment.kubernetes.io/revision: "1"}}
        spec: {replicas: 1}
        status: {observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 0}
        """.formatted(i);
  }

  private static String replicaSet(int i) {
    return """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: d%1$d-rs, namespace: ns, uid: rs%1$d-uid,
                   annotations: {deployment.kubernetes.io/revision: "1"},
                   ownerReferences: [{kind: Deployment, name: d%1$d, uid: d%1$d-uid}]}
        """.formatted(i);
  }

  private static String pod(int i, String phase) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: d%1$d-rs-p, namespace: ns, uid: p%1$d-uid,
                   ownerReferences: [{kind: ReplicaSet, name: d%1$d-rs, uid: rs%1$d-uid}]}
        status: {phase: %2$s}
        """.formatted(i, phase);
  }

  private void startWaitingForThree() {
    for (int i = 0; i < 3; i++) {
      source.put(deployment(i));
      source.put(replicaSet(i));
      source.put(pod(i, "Pending"));
    }
    List<WaitTarget> targets = IntStream.range(0, 3)
        .mapToObj(i -> WaitTarget.of(ObjectRef.of("apps/v1", "Deployment", "ns", "d" + i)))
        .toList();
    waiter.start(targets, heard::add);
  }

  private Map<String, Integer> deploymentReads() {
    return IntStream.range(0, 3).boxed()
        .collect(Collectors.toMap(i -> "d" + i, i -> source.gets("Deployment/d" + i)));
  }

  @Test
  void givenThreeDeploymentsWaiting_whenOnePodChanges_thenOnlyItsDeploymentIsRecomputed() {
    startWaitingForThree();
    Map<String, Integer> before = deploymentReads();

    source.put(pod(1, "Running"));

    Map<String, Integer> after = deploymentReads();
    assertThat(after.get("d1")).isGreaterThan(before.get("d1"));
    assertThat(after.get("d0")).isEqualTo(before.get("d0"));
    assertThat(after.get("d2")).isEqualTo(before.get("d2"));
  }

  @Test
  void givenThreeDeploymentsWaiting_whenWarningAboutOnePod_thenOnlyItsDeploymentIsRecomputed() {
    startWaitingForThree();
    Map<String, Integer> before = deploymentReads();

    source.put("""
        apiVersion: v1
        kind: Event
        metadata: {name: d2-rs-p.1, namespace: ns}
        type: Warning
        reason: BackOff
        message: back-off restarting failed container
        involvedObject: {kind: Pod, name: d2-rs-p, namespace: ns, uid: p2-uid}
        """);

    Map<String, Integer> after = deploymentReads();
    assertThat(after.get("d2")).isGreaterThan(before.get("d2"));
    assertThat(after.get("d0")).isEqualTo(before.get("d0"));
    assertThat(after.get("d1")).isEqualTo(before.get("d1"));
    assertThat(heard).anySatisfy(e -> {
      assertThat(e.ref().name()).isEqualTo("d2");
      assertThat(e.readiness().toString()).contains("back-off restarting failed container");
    });
  }

  @Test
  void givenThreeDeploymentsWaiting_whenAPodIsDeleted_thenEveryPodUserIsRecomputed() {
    startWaitingForThree();
    Map<String, Integer> before = deploymentReads();

    source.delete(ResourceType.PODS, "ns", "d0-rs-p");

    Map<String, Integer> after = deploymentReads();
    // Its owner is unknown once it is gone, so every Deployment in the namespace is judged again.
    before.forEach((name, n) -> assertThat(after.get(name)).as(name).isGreaterThan(n));
  }
}
