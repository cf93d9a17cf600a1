package dev.converge.core.it.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.errors.NotReadyException;
import dev.converge.core.errors.RolloutFailedException;
import dev.converge.core.status.ReadinessOptions;
import dev.converge.core.status.Status;
import dev.converge.core.status.wait.InformerWatchSource;
import dev.converge.core.status.wait.ObjectOutcome;
import dev.converge.core.status.wait.ReadinessWaiter;
import dev.converge.core.status.wait.Verdict;
import dev.converge.core.status.wait.WaitHandle;
import dev.converge.core.status.wait.WaitOptions;
import dev.converge.core.status.wait.WaitResult;
import dev.converge.core.status.wait.WaitTarget;
import dev.converge.sandbox.controllers.Failure;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Failures a wait must explain: a bad image fails fast, a timeout says why, a dropped watch. */
@ConvergeCluster
@Requires({Capability.CONTROLLER_CONTROL, Capability.FAULTS, Capability.REQUEST_COUNTS})
@Timeout(30)
class WaitFailuresTest {
  private static final Duration GRACE = Duration.ofSeconds(2);
  /** Grace plus slack for a loaded CI machine: the sandbox's pods start at once. */
  private static final Duration FAIL_FAST_BOUND = GRACE.plusSeconds(4);

  private InformerWatchSource source;
  private ReadinessWaiter waiter;

  @BeforeEach
  void openWaiter(TestCluster cluster) {
    source = new InformerWatchSource(cluster.client());
    waiter =
        new ReadinessWaiter(
            source,
            WaitOptions.DEFAULTS
                .withTimeout(Duration.ofSeconds(20))
                .withReadiness(ReadinessOptions.DEFAULTS.withPodFailureGrace(GRACE)));
  }

  @AfterEach
  void closeWaiter() {
    waiter.close();
    source.close();
  }

  private static String badImage(TestCluster cluster) {
    return "registry.example/missing-" + cluster.namespace() + ":v9";
  }

  @Test
  void givenImageThatCannotBePulled_whenWaiting_thenFailedNamingPodAndContainerWithinGrace(
      TestCluster cluster) {
    // given
    cluster.sandboxFor(Capability.CONTROLLER_CONTROL).controllers()
        .failImages(Pattern.compile(Pattern.quote(badImage(cluster))), Failure.IMAGE_PULL);
    HasMetadata web = cluster.client()
        .resource(Workloads.of("Deployment", cluster.namespace(), "web", badImage(cluster)))
        .create();
    long startNanos = System.nanoTime();
    // when
    WaitResult result = waiter.await(List.of(WaitTarget.of(web)), new WaitRecorder());
    // then
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    ObjectOutcome outcome = result.outcomes().get(0);
    assertThat(outcome.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(outcome.last().reason()).isIn("ImagePullBackOff", "ErrImagePull");
    assertThat(outcome.last().podFailures())
        .allSatisfy(f -> {
          assertThat(f.pod()).startsWith("web-");
          assertThat(f.container()).isEqualTo("app");
        });
    assertThat(took).isLessThan(FAIL_FAST_BOUND);
    assertThatThrownBy(result::orThrow)
        .isInstanceOf(RolloutFailedException.class)
        .hasMessageContaining("/app ")
        .hasMessageContaining(badImage(cluster));
  }

  @Test
  void givenImageFailingWithinLongGrace_whenTimeoutRunsOut_thenReportNamesStatusAndWarnings(
      TestCluster cluster) {
    // given: failures within a 10-minute grace keep the object in progress
    cluster.sandboxFor(Capability.CONTROLLER_CONTROL).controllers()
        .failImages(Pattern.compile(Pattern.quote(badImage(cluster))), Failure.IMAGE_PULL);
    HasMetadata web = cluster.client()
        .resource(Workloads.of("Deployment", cluster.namespace(), "web", badImage(cluster)))
        .create();
    WaitOptions shortWait =
        WaitOptions.DEFAULTS
            .withTimeout(Duration.ofSeconds(3))
            .withReadiness(ReadinessOptions.DEFAULTS.withPodFailureGrace(Duration.ofMinutes(10)));
    // when
    WaitHandle handle = waiter.start(List.of(WaitTarget.of(web)), shortWait, new WaitRecorder());
    WaitResult result = handle.result().orTimeout(10, TimeUnit.SECONDS).join();
    // then
    assertThat(result.outcomes().get(0).verdict()).isEqualTo(Verdict.TIMED_OUT);
    assertThatThrownBy(result::orThrow)
        .isInstanceOfSatisfying(
            NotReadyException.class,
            e -> {
              assertThat(e.getMessage()).contains("apps/v1 Deployment " + cluster.namespace() + "/web");
              assertThat(e.lastStatus()).startsWith("IN_PROGRESS");
              assertThat(e.reasons()).anyMatch(r -> r.contains("/app ") && r.contains("Image"));
              assertThat(e.warningEvents()).anyMatch(w -> w.startsWith("Pod/web-") && w.contains("Failed"));
            });
  }

  @Test
  void givenWatchDroppedMidWait_whenRolloutFinishes_thenCurrentStillReported(TestCluster cluster) {
    // given: a paused rollout being watched
    String ns = cluster.namespace();
    cluster.controllers().pause("deployments", ns, "web");
    HasMetadata web = cluster.client()
        .resource(Workloads.of("Deployment", ns, "web", "registry.example/app:v1")).create();
    WaitRecorder recorder = new WaitRecorder();
    WaitHandle handle = waiter.start(List.of(WaitTarget.of(web)), recorder);
    RequestQuery watches = RequestQuery.all().verb("watch").resource("deployments").namespace(ns);
    assertThat(cluster.requests().count(watches)).isEqualTo(1);
    // when: the open watch is cut after its next event, then the rollout proceeds
    cluster.faults().add(FaultSpec.parse(
        "verb=watch,path=/apis/apps/v1/namespaces/" + ns + "/deployments,drop=1,count=1"));
    cluster.controllers().resume("deployments", ns, "web");
    // then
    WaitResult result = handle.result().orTimeout(20, TimeUnit.SECONDS).join();
    assertThat(result.allReached()).isTrue();
    assertThat(recorder.latest(WaitTarget.of(web).ref()).status()).isEqualTo(Status.CURRENT);
    assertThat(cluster.requests().count(watches))
        .as("the waiter watched again after the drop")
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void givenListFailingTwiceWith503_whenWaiting_thenWatchStartsAndCurrentReported(
      TestCluster cluster) {
    // given
    String ns = cluster.namespace();
    HasMetadata web = cluster.client()
        .resource(Workloads.of("Deployment", ns, "web", "registry.example/app:v1")).create();
    cluster.faults().add(FaultSpec.parse(
        "verb=list,path=/apis/apps/v1/namespaces/" + ns + "/deployments,status=503,count=2"));
    // when
    WaitResult result = waiter.await(List.of(WaitTarget.of(web)), new WaitRecorder());
    // then
    assertThat(result.allReached()).isTrue();
    assertThat(cluster.requests().count(
            RequestQuery.all().verb("list").resource("deployments").namespace(ns)))
        .isGreaterThanOrEqualTo(3);
  }
}
