package dev.converge.core.it.client;

import static dev.converge.core.it.client.Fixtures.configMap;
import static dev.converge.core.it.client.Fixtures.configMapsPath;
import static dev.converge.core.it.client.Fixtures.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.converge.core.client.ConvergeClient;
import dev.converge.core.client.DeleteOption;
import dev.converge.core.errors.ServerErrorException;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The wait of {@code delete(waitUntilGone)} lists and watches outside the retrier; its transient
 * failures are classified and the wait resumed (found by the fault matrix, issue 10: a 503 on that
 * list escaped as an untyped fabric8 exception and failed the destroy).
 */
@ConvergeCluster(controllers = false)
@Requires(Capability.FAULTS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DeleteWaitFaultsTest {

  @AfterEach
  void clearFaults(TestCluster cluster) {
    cluster.faults().clear();
  }

  @Test
  void givenTheWaitsListFailingTwice_whenDeleteWaitsUntilGone_thenItResumesAndReturnsOnceGone(TestCluster cluster) {
    // given
    ConfigMap cm = cluster.client().resource(configMap(cluster.namespace(), "app", "k", "v")).create();
    cluster.faults().add(FaultSpec.parse("verb=list,path=" + configMapsPath(cluster) + ",status=503,count=2"));
    ConvergeClient ops = ops(cluster, Fixtures.FAST);

    // when
    ops.delete(cm, DeleteOption.waitUntilGone(Duration.ofSeconds(10)));

    // then
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("app").get()).isNull();
  }

  @Test
  void givenConnectionsRefusedDuringTheWait_whenDeleteWaitsUntilGone_thenItResumesAndReturnsOnceGone(TestCluster cluster) {
    // given: fabric8 rethrows the transport's own exception here (e.g. Vert.x HttpClosedException)
    ConfigMap cm = cluster.client().resource(configMap(cluster.namespace(), "app", "k", "v")).create();
    cluster.faults().add(FaultSpec.parse("verb=list,path=" + configMapsPath(cluster) + ",refuse=300ms,count=1"));
    // retries that outlast the 300 ms without connections
    ConvergeClient ops = ops(cluster, RetryPolicy.builder().baseDelay(Duration.ofMillis(50))
        .maxDelay(Duration.ofMillis(200)).maxAttempts(30).deadline(Duration.ofSeconds(10)).build());

    // when
    ops.delete(cm, DeleteOption.waitUntilGone(Duration.ofSeconds(10)));

    // then: read once the server accepts connections again, so the next test starts healthy
    await().atMost(5, TimeUnit.SECONDS).ignoreExceptions().untilAsserted(() -> assertThat(
        cluster.client().configMaps().inNamespace(cluster.namespace()).withName("app").get()).isNull());
  }

  @Test
  void givenTheWaitsListAlwaysFailing_whenDeleteWaitsUntilGone_thenATypedErrorAfterBoundedRestarts(
      TestCluster cluster) {
    // given: a finalizer keeps the object, and every list of the wait answers 503
    ConfigMap cm = configMap(cluster.namespace(), "kept", "k", "v");
    cm.getMetadata().setFinalizers(java.util.List.of("example.com/keep"));
    ConfigMap created = cluster.client().resource(cm).create();
    cluster.faults().add(FaultSpec.parse("verb=list,path=" + configMapsPath(cluster) + ",status=503"));
    ConvergeClient ops = ops(cluster, Fixtures.FAST);

    // when / then
    assertThatThrownBy(() -> ops.delete(created, DeleteOption.waitUntilGone(Duration.ofSeconds(10))))
        .isInstanceOf(ServerErrorException.class);
    cluster.faults().clear();
    cluster.client().configMaps().inNamespace(cluster.namespace()).withName("kept").edit(c -> {
      c.getMetadata().setFinalizers(java.util.List.of());
      return c;
    });
  }
}
