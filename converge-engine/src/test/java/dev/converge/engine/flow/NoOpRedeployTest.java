package dev.converge.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.DeployOptions;
import dev.converge.engine.Engine;
import dev.converge.engine.ManifestSet;
import dev.converge.engine.RunReport;
import dev.converge.engine.RunReport.Action;
import dev.converge.engine.manifest.Yaml;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A re-apply of an unchanged set changes nothing: every object UNCHANGED, resourceVersion and
 * generation as they were, and not one write request, the ApplySet parent included. Controllers
 * off, so that the request counts are exactly the engine's.
 */
@ConvergeCluster(controllers = false)
@Requires(Capability.REQUEST_COUNTS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NoOpRedeployTest {
  static final DeployOptions NO_WAIT = DeployOptions.DEFAULTS.withWait(false).withPrune("app-set")
      .withTimeout(Duration.ofSeconds(10));
  static final List<String> WRITES = List.of("create", "update", "patch", "delete", "deletecollection");

  Engine engine;

  @BeforeEach
  void open(TestCluster cluster) {
    engine = Engine.create(cluster.client());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  /** Writes, the ApplySet lock's Lease aside (taken and released by every run). */
  long writes(TestCluster cluster) {
    return WRITES.stream().mapToLong(v -> cluster.requests().count(RequestQuery.all().verb(v))
        - cluster.requests().count(RequestQuery.all().verb(v).resource("leases"))).sum();
  }

  Map<String, String> versions(TestCluster cluster, ManifestSet set) {
    Map<String, String> out = new LinkedHashMap<>();
    set.objects().forEach(o -> {
      GenericKubernetesResource live = cluster.client().genericKubernetesResources(o.apiVersion(), o.kind())
          .inNamespace(cluster.namespace()).withName(o.name()).get();
      out.put(o.kind() + "/" + o.name(), live.getMetadata().getResourceVersion() + "@" + live.getMetadata().getGeneration());
    });
    return out;
  }

  @Test
  void givenAppliedSet_whenReapplied_thenNothingIsWrittenAndNoObjectChanges(TestCluster cluster) {
    // given
    ManifestSet set = engine.validate(Yaml.read("app.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, labels: {tier: front}}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: app
                image: nginx:1.27
                ports: [{containerPort: 80}]
                env: [{name: MODE, value: fast}]
                resources: {limits: {cpu: 500m, memory: 128Mi}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec: {selector: {app: web}, ports: [{port: 80, targetPort: 80}]}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        data: {mode: fast}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: token}
        data: {password: c2VjcmV0}
        """), cluster.namespace());
    assertThat(engine.apply(set, NO_WAIT, e -> {}).succeeded()).isTrue();
    Map<String, String> before = versions(cluster, set);
    long writesBefore = writes(cluster);

    // when
    RunReport again = engine.apply(set, NO_WAIT, e -> {});

    // then
    assertThat(again.succeeded()).isTrue();
    assertThat(again.objects()).extracting(RunReport.ObjectReport::action).containsOnly(Action.UNCHANGED);
    assertThat(again.pruned()).isEmpty();
    assertThat(versions(cluster, set)).isEqualTo(before);
    assertThat(writes(cluster) - writesBefore).isZero();
  }

  @Test
  void givenOneValueChanged_whenReapplied_thenOnlyThatObjectIsWritten(TestCluster cluster) {
    // given
    String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s}\ndata: {mode: %s}\n---\n";
    assertThat(engine.apply(engine.validate(Yaml.read("a.yaml", yaml.formatted("a", "x") + yaml.formatted("b", "x")),
        cluster.namespace()), NO_WAIT, e -> {}).succeeded()).isTrue();
    long writesBefore = writes(cluster);

    // when
    RunReport again = engine.apply(engine.validate(Yaml.read("a.yaml", yaml.formatted("a", "x")
        + yaml.formatted("b", "y")), cluster.namespace()), NO_WAIT, e -> {});

    // then
    assertThat(again.object("ConfigMap", "a").action()).isEqualTo(Action.UNCHANGED);
    assertThat(again.object("ConfigMap", "b").action()).isEqualTo(Action.CONFIGURED);
    assertThat(writes(cluster) - writesBefore).isEqualTo(1);
  }
}
