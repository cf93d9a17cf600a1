package dev.converge.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.rollout.internal.RolloutMetrics;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scaling adds and removes the highest ordinals; metrics are served when enabled. */
@ConvergeCluster(controllers = true)
@Requires(Capability.FAULTS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScaleAndMetricsTest {

  @BeforeAll
  static void installCrd(TestCluster cluster) {
    RolloutOperator.installCrd(cluster.client());
  }

  @AfterEach
  void clearFaults(TestCluster cluster) {
    cluster.faults().clear();
  }

  @Test
  void givenTwoNodes_whenScaledToFourThenOne_thenHighestOrdinalsAddedThenRemoved(
      TestCluster cluster) {
    try (RolloutOperator op = Fleet.operator(cluster, "rollout-scale")) {
      // given
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(2, "node:v1");
      fleet.awaitReadyOn("node:v1", 2);

      // when
      fleet.edit(nd -> {
        nd.setSpec(nd.getSpec().withReplicas(4));
        return nd;
      });

      // then
      fleet.awaitReadyOn("node:v1", 4);

      // when
      fleet.edit(nd -> {
        nd.setSpec(nd.getSpec().withReplicas(1));
        return nd;
      });

      // then
      cluster.eventually(() -> {
        assertThat(cluster.client().apps().statefulSets().inNamespace(cluster.namespace())
            .withLabel("converge.dev/node-deployment", "chain").list().getItems())
            .extracting(s -> s.getMetadata().getName()).containsExactly("chain-0");
        assertThat(fleet.status().readyReplicas()).isEqualTo(1);
      });
    }
  }

  @Test
  @dev.converge.testkit.Requires(Capability.CONTROLLER_CONTROL)
  void givenRolloutInFlight_whenScaledDown_thenRemovedNodeIsNotRolledAndRestEndOnV2(
      TestCluster cluster) {
    try (RolloutOperator op = Fleet.operator(cluster, "rollout-scale-mid")) {
      // given: v1 → v2 stuck on node 0
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(3, "node:v1");
      fleet.awaitReadyOn("node:v1", 3);
      fleet.pauseNodes(3);
      fleet.setImage("node:v2");
      cluster.eventually(() -> assertThat(fleet.taskDone("node-0/apply-statefulset")).isTrue());

      // when
      fleet.edit(nd -> {
        nd.setSpec(nd.getSpec().withReplicas(2));
        return nd;
      });
      fleet.resumeNodes(3);

      // then
      fleet.awaitReadyOn("node:v2", 2);
      cluster.eventually(() -> assertThat(fleet.statefulSet(2)).isNull());
    }
  }

  @Test
  void givenUnretryableWriteErrorOnce_whenRollingOut_thenErrorCountedRetriedAndMetricsServed(
      TestCluster cluster) throws Exception {
    // given: the first StatefulSet apply of the rollout answers 501 (unclassified: not retried inline)
    OperatorOptions options = Fleet.options(cluster, "rollout-metrics").withMetricsPort(0);
    try (RolloutOperator op = RolloutOperator.start(cluster.config(), options)) {
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(1, "node:v1");
      fleet.awaitReadyOn("node:v1", 1);
      cluster.faults().add(FaultSpec.parse("verb=patch,path=/apis/apps/v1/**/statefulsets/**,"
          + "status=501,count=1,client=rollout-metrics"));

      // when
      fleet.setImage("node:v2");

      // then: JOSDK's retry gets past it, and the metrics say what happened
      fleet.awaitReadyOn("node:v2", 1);
      assertThat(op.metrics().counter(RolloutMetrics.ERRORS).count()).isEqualTo(1.0);
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + op.metricsPort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body())
          .contains("converge_rollout_duration_seconds_count{outcome=\"complete\"} 1")
          .contains("converge_rollouts_stalled 0.0")
          .contains("converge_reconcile_errors_total 1.0");
    }
  }
}
