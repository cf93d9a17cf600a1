package dev.converge.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.status.Status;
import dev.converge.engine.DeployOptions;
import dev.converge.engine.Engine;
import dev.converge.engine.ManifestSet;
import dev.converge.engine.RunReport;
import dev.converge.engine.manifest.Yaml;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.sandbox.faults.RequestRecord;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Under a 20 % transient fault rate on the engine's reads and writes (503, 429 with Retry-After,
 * connection resets; fixed seeds) an apply with prune still converges and loses no object.
 */
@ConvergeCluster(controllers = true)
@Requires({Capability.FAULTS, Capability.REQUEST_COUNTS})
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TransientFaultsTest {
  static final int CONFIG_MAPS = 30;
  static final String OBJECT_CALLS = "verb=get|patch|delete,path=regex:^/apis?/.*/namespaces/.*";

  Engine engine;

  @BeforeEach
  void open(TestCluster cluster) {
    engine = Engine.create(cluster.client());
  }

  @AfterEach
  void close(TestCluster cluster) {
    cluster.faults().clear();
    engine.close();
  }

  ManifestSet set(TestCluster cluster, String prefix) {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < CONFIG_MAPS; i++) {
      yaml.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ").append(prefix).append(i)
          .append("}\ndata: {k: v}\n---\n");
    }
    for (int i = 0; i < 3; i++) {
      yaml.append("""
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: web%d}
          spec:
            replicas: 2
            selector: {matchLabels: {app: web%d}}
            template:
              metadata: {labels: {app: web%d}}
              spec: {containers: [{name: app, image: nginx}]}
          ---
          """.formatted(i, i, i));
    }
    return engine.validate(Yaml.read("set.yaml", yaml.toString()), cluster.namespace());
  }

  @Test
  void givenTwentyPercentTransientFaults_whenAppliedAndPruned_thenConvergesWithNoObjectLost(TestCluster cluster) {
    // given: an applied set, then 7 % + 7 % + 6 % of object reads and writes failing
    DeployOptions options = DeployOptions.DEFAULTS.withPrune("faulty").withTimeout(Duration.ofSeconds(60));
    assertThat(engine.apply(set(cluster, "old"), options, e -> {}).succeeded()).isTrue();
    cluster.faults().add(FaultSpec.parse(OBJECT_CALLS + ",status=503,probability=0.07,seed=11"));
    cluster.faults().add(FaultSpec.parse(OBJECT_CALLS + ",retry-after=1,probability=0.07,seed=12"));
    cluster.faults().add(FaultSpec.parse(OBJECT_CALLS + ",reset,probability=0.06,seed=13"));

    // when: every ConfigMap renamed (30 creates, 30 prunes), the Deployments kept
    RunReport report = engine.apply(set(cluster, "new"), options, e -> {});

    // then
    assertThat(report.result()).as("%s", report).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(report.objects()).hasSize(CONFIG_MAPS + 3)
        .extracting(RunReport.ObjectReport::status).containsOnly(Status.CURRENT);
    assertThat(report.pruned()).hasSize(CONFIG_MAPS);
    // (lists are not faulted)
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).list().getItems())
        .extracting(c -> c.getMetadata().getName()).filteredOn(n -> n.startsWith("new")).hasSize(CONFIG_MAPS);
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).list().getItems())
        .extracting(c -> c.getMetadata().getName()).noneMatch(n -> n.startsWith("old"));
    assertThat(cluster.client().apps().deployments().inNamespace(cluster.namespace()).list().getItems()).hasSize(3);
    // the faults did fire, of each kind
    assertThat(cluster.requests().count(RequestQuery.all().outcome("503"))).isPositive();
    assertThat(cluster.requests().count(RequestQuery.all().outcome("429"))).isPositive();
    assertThat(cluster.requests().count(RequestQuery.all().outcome(RequestRecord.RESET))).isPositive();
  }
}
