package dev.converge.core.it.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.status.Status;
import dev.converge.core.status.wait.InformerWatchSource;
import dev.converge.core.status.wait.ReadinessWaiter;
import dev.converge.core.status.wait.WaitHandle;
import dev.converge.core.status.wait.WaitOptions;
import dev.converge.core.status.wait.WaitTarget;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For every workload kind, the waiter reports IN_PROGRESS while the kind's controller is paused
 * and CURRENT as soon as it resumes and the rollout finishes (issue 5).
 */
@ConvergeCluster
@Requires(Capability.CONTROLLER_CONTROL)
@Timeout(30)
class WorkloadWaitTest {
  private static final Duration PAUSED_WINDOW = Duration.ofMillis(800);

  private InformerWatchSource source;
  private ReadinessWaiter waiter;

  @BeforeEach
  void openWaiter(TestCluster cluster) {
    source = new InformerWatchSource(cluster.client());
    waiter = new ReadinessWaiter(source, WaitOptions.DEFAULTS.withTimeout(Duration.ofSeconds(25)));
  }

  @AfterEach
  void closeWaiter() {
    waiter.close();
    source.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"})
  void givenControllerPaused_whenResumed_thenInProgressUntilCurrent(String kind, TestCluster cluster) {
    // given: the kind's controller does nothing for this object
    String ns = cluster.namespace();
    String name = "w-" + kind.toLowerCase();
    cluster.controllers().pause(Workloads.resource(kind), ns, name);
    HasMetadata obj =
        cluster.client().resource(Workloads.of(kind, ns, name, "registry.example/app:v1")).create();
    WaitTarget target = WaitTarget.of(obj);
    WaitRecorder recorder = new WaitRecorder();
    WaitHandle handle = waiter.start(List.of(target), recorder);
    // then: it stays in progress while paused
    cluster.consistently(
        PAUSED_WINDOW,
        () -> {
          assertThat(recorder.latest(target.ref()).status()).isEqualTo(Status.IN_PROGRESS);
          assertThat(handle.result()).isNotDone();
        });
    // when
    cluster.controllers().resume(Workloads.resource(kind), ns, name);
    // then
    assertThat(handle.result().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join().allReached())
        .isTrue();
    assertThat(recorder.statuses(target.ref())).first().isEqualTo(Status.IN_PROGRESS);
    assertThat(recorder.latest(target.ref()).status()).isEqualTo(Status.CURRENT);
  }
}
