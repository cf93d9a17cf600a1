package dev.converge.core.it.client;

import static dev.converge.core.it.client.Fixtures.configMap;
import static dev.converge.core.it.client.Fixtures.configMapsPath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.sandbox.faults.RequestRecord;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Under a steady 30 % fault rate every apply still lands exactly once. */
@ConvergeCluster(controllers = false)
@Requires({Capability.FAULTS, Capability.REQUEST_COUNTS})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConvergeClientFaultRateTest {

  private static final int APPLIES = 500;
  /** Three independent rules at 11.3 % each fail 1 - 0.887³ ≈ 30 % of requests. */
  private static final double PER_RULE = 0.113;
  /** 0.3^12 ≈ 5e-7 per apply: running out of attempts would be a bug, not bad luck. */
  private static final RetryPolicy POLICY = RetryPolicy.builder().baseDelay(Duration.ofMillis(2))
      .maxDelay(Duration.ofMillis(20)).maxAttempts(12).deadline(Duration.ofSeconds(20)).build();

  @Test
  void givenThirtyPercentFaults_when500Applies_thenAllLandWithNoneLostOrDuplicated(TestCluster cluster) {
    // given
    String objects = "verb=patch,path=" + configMapsPath(cluster) + "/*";
    cluster.faults().add(FaultSpec.parse(objects + ",status=503,probability=" + PER_RULE + ",seed=1"));
    cluster.faults().add(FaultSpec.parse(objects + ",status=429,probability=" + PER_RULE + ",seed=2"));
    cluster.faults().add(FaultSpec.parse(objects + ",reset,probability=" + PER_RULE + ",seed=3"));
    ConvergeClient ops = ConvergeClient.wrap(cluster.client(),
        ClientOptions.DEFAULTS.with(b -> b.retryPolicy(POLICY)));

    // when
    for (int i = 0; i < APPLIES; i++) {
      ops.apply(configMap(cluster.namespace(), "cm-" + i, "i", Integer.toString(i)));
    }

    // then: the faults happened at about the intended rate
    RequestQuery patches = RequestQuery.all().verb("patch").resource("configmaps")
        .namespace(cluster.namespace());
    long total = cluster.requests().count(patches);
    long failed = cluster.requests().count(patches.outcome("503"))
        + cluster.requests().count(patches.outcome("429"))
        + cluster.requests().count(patches.outcome(RequestRecord.RESET));
    assertThat(total - failed).isEqualTo(APPLIES);
    assertThat((double) failed / total).isBetween(0.2, 0.4);
    // and the cluster holds each object exactly once, with its own content
    cluster.faults().clear();
    List<ConfigMap> listed = cluster.client().configMaps().inNamespace(cluster.namespace()).list().getItems();
    Map<String, String> contentByName = listed.stream().collect(
        Collectors.toMap(cm -> cm.getMetadata().getName(), cm -> cm.getData().get("i")));
    assertThat(listed).hasSize(APPLIES);
    for (int i = 0; i < APPLIES; i++) {
      assertThat(contentByName).containsEntry("cm-" + i, Integer.toString(i));
    }
  }
}
