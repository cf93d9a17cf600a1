package dev.converge.core.it.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.errors.NotReadyException;
import dev.converge.core.errors.ObjectRef;
import dev.converge.core.status.wait.InformerWatchSource;
import dev.converge.core.status.wait.ObjectOutcome;
import dev.converge.core.status.wait.ReadinessWaiter;
import dev.converge.core.status.wait.Verdict;
import dev.converge.core.status.wait.WaitOptions;
import dev.converge.core.status.wait.WaitResult;
import dev.converge.core.status.wait.WaitTarget;
import dev.converge.core.status.wait.WatchNotSyncedException;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10: a kind whose first list keeps failing with a retryable error is retried until the
 * wait's own deadline (not a fixed 30 s), does not hold up the other kinds, and, if it never syncs,
 * times out at the deadline with a reason naming the kind.
 */
@ConvergeCluster(controllers = false)
@Requires({Capability.FAULTS, Capability.REQUEST_COUNTS})
@Timeout(60)
class WatchSyncRetryTest {

  private InformerWatchSource source;
  private ReadinessWaiter waiter;

  @BeforeEach
  void openWaiter(TestCluster cluster) {
    source = new InformerWatchSource(cluster.client());
    waiter = new ReadinessWaiter(source, WaitOptions.DEFAULTS.withTimeout(Duration.ofSeconds(40)));
  }

  @AfterEach
  void closeWaiter(TestCluster cluster) {
    cluster.faults().clear();
    waiter.close();
    source.close();
  }

  private static HasMetadata configMap(TestCluster cluster) {
    return cluster.client().resource(new ConfigMapBuilder().withNewMetadata().withName("settings")
        .withNamespace(cluster.namespace()).endMetadata().withData(Map.of("k", "v")).build()).create();
  }

  private static HasMetadata secret(TestCluster cluster) {
    return cluster.client().resource(new SecretBuilder().withNewMetadata().withName("token")
        .withNamespace(cluster.namespace()).endMetadata().withStringData(Map.of("k", "v")).build()).create();
  }

  private static String configMapsPath(TestCluster cluster) {
    return "/api/v1/namespaces/" + cluster.namespace() + "/configmaps";
  }

  @Test
  void givenListOfAKindFailing3Times_whenWaiting_thenItsWatchIsRetriedAndEveryObjectReached(TestCluster cluster) {
    // given
    HasMetadata settings = configMap(cluster);
    HasMetadata token = secret(cluster);
    cluster.faults().add(FaultSpec.parse("verb=list,path=" + configMapsPath(cluster) + ",status=503,count=3"));

    // when
    WaitResult result = waiter.await(List.of(WaitTarget.of(settings), WaitTarget.of(token)), new WaitRecorder());

    // then
    assertThat(result.allReached()).as(result.outcomes().toString()).isTrue();
    assertThat(cluster.requests().count(RequestQuery.all().verb("list").resource("configmaps")
        .namespace(cluster.namespace()))).isGreaterThanOrEqualTo(4);
  }

  @Test
  void givenListOfAKindFailingPermanently_whenWaiting_thenTimedOutAtTheDeadlineNamingTheKind(TestCluster cluster) {
    // given: ConfigMaps can never be listed; Secrets can
    HasMetadata settings = configMap(cluster);
    HasMetadata token = secret(cluster);
    cluster.faults().add(FaultSpec.parse("verb=list,path=" + configMapsPath(cluster) + ",status=503"));
    WaitOptions threeSeconds = WaitOptions.DEFAULTS.withTimeout(Duration.ofSeconds(3));

    // when
    WaitResult result = waiter.start(List.of(WaitTarget.of(settings), WaitTarget.of(token)), threeSeconds,
        new WaitRecorder()).result().orTimeout(15, TimeUnit.SECONDS).join();

    // then: the Secret was not held up; the ConfigMap timed out, saying which kind never synced
    ObjectOutcome cm = outcome(result, WaitTarget.of(settings).ref());
    assertThat(outcome(result, WaitTarget.of(token).ref()).verdict()).isEqualTo(Verdict.REACHED);
    assertThat(cm.verdict()).isEqualTo(Verdict.TIMED_OUT);
    assertThat(cm.last().reason()).isEqualTo(WatchNotSyncedException.REASON);
    assertThat(cm.last().message()).contains("v1 ConfigMap", "namespace " + cluster.namespace(), "503");
    assertThatThrownBy(result::orThrow).isInstanceOfSatisfying(NotReadyException.class,
        e -> assertThat(e.getMessage()).contains("WatchNotSynced", "v1 ConfigMap"));
    // retried with back-off during the wait, not given up after one attempt
    assertThat(cluster.requests().count(RequestQuery.all().verb("list").resource("configmaps")
        .namespace(cluster.namespace()))).isGreaterThanOrEqualTo(2);
  }

  private static ObjectOutcome outcome(WaitResult result, ObjectRef ref) {
    return result.outcomes().stream().filter(o -> o.ref().equals(ref)).findFirst().orElseThrow();
  }
}
