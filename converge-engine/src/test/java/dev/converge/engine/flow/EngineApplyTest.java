package dev.converge.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.status.Status;
import dev.converge.engine.DeployOptions;
import dev.converge.engine.Engine;
import dev.converge.engine.ManifestSet;
import dev.converge.engine.RunReport;
import dev.converge.engine.RunReport.Action;
import dev.converge.engine.destroy.EmptySetException;
import dev.converge.engine.inventory.ApplySetKeys;
import dev.converge.engine.inventory.ForeignApplySetException;
import dev.converge.engine.manifest.InvalidManifestException;
import dev.converge.engine.manifest.Yaml;
import dev.converge.engine.progress.ProgressEvent;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine facade runs validate, inventory, ordered apply, waits and prune, and reports per object. */
@ConvergeCluster(controllers = true)
@Requires(Capability.FAULTS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineApplyTest {
  static final DeployOptions OPTIONS = DeployOptions.DEFAULTS.withTimeout(Duration.ofSeconds(20));

  Engine engine;
  final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open(TestCluster cluster) {
    engine = Engine.create(cluster.client());
  }

  @AfterEach
  void close(TestCluster cluster) {
    cluster.faults().clear();
    engine.close();
  }

  ManifestSet load(TestCluster cluster, String yaml) {
    return engine.validate(Yaml.read("set.yaml", yaml), cluster.namespace());
  }

  static String configMaps(String... names) {
    StringBuilder yaml = new StringBuilder();
    for (String name : names) {
      yaml.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ").append(name).append("}\ndata: {k: v}\n---\n");
    }
    return yaml.toString();
  }

  static final String WEB = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: app, image: "nginx:1.27"}]}
      ---
      """;

  long writes(TestCluster cluster) {
    return cluster.requests().count(RequestQuery.all().verb("patch").namespace(cluster.namespace()))
        + cluster.requests().count(RequestQuery.all().verb("create").namespace(cluster.namespace()))
        + cluster.requests().count(RequestQuery.all().verb("update").namespace(cluster.namespace()))
        + cluster.requests().count(RequestQuery.all().verb("delete").namespace(cluster.namespace()));
  }

  @Test
  void givenNewSet_whenApplied_thenEveryObjectIsCreatedCurrentAndTimed(TestCluster cluster) {
    // when
    RunReport report = engine.apply(load(cluster, WEB + configMaps("a")), OPTIONS.withApplySet("web-set"), events::add);

    // then
    assertThat(report.result()).as("%s", report).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(report.objects()).extracting(RunReport.ObjectReport::kind).containsExactly("ConfigMap", "Deployment");
    assertThat(report.objects()).allSatisfy(o -> {
      assertThat(o.action()).isEqualTo(Action.CREATED);
      assertThat(o.status()).isEqualTo(Status.CURRENT);
      assertThat(o.duration()).isPositive().isLessThanOrEqualTo(report.duration());
      assertThat(o.reason()).isEmpty();
    });
    assertThat(report.object("Deployment", "web").apiVersion()).isEqualTo("apps/v1");
    assertThat(events).filteredOn(ProgressEvent.Ready.class::isInstance).hasSize(2);
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("a").get()
        .getMetadata().getLabels()).containsKey(ApplySetKeys.PART_OF_LABEL);
  }

  @Test
  void givenAppliedSet_whenMemberDroppedAndPruned_thenItIsDeletedAndReportedPruned(TestCluster cluster) {
    // given
    assertThat(engine.apply(load(cluster, configMaps("a", "b")), OPTIONS.withPrune("cm-set"), events::add)
        .succeeded()).isTrue();

    // when
    RunReport report = engine.apply(load(cluster, configMaps("a")), OPTIONS.withPrune("cm-set"), events::add);

    // then
    assertThat(report.result()).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(report.object("ConfigMap", "a").action()).isEqualTo(Action.UNCHANGED);
    assertThat(report.pruned()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("b");
      assertThat(p.action()).isEqualTo(Action.PRUNED);
      assertThat(p.apiVersion()).isEqualTo("v1");
    });
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("b").get()).isNull();
    assertThat(events).filteredOn(ProgressEvent.Pruned.class::isInstance).hasSize(1);
  }

  @Test
  void givenFailingWrite_whenAppliedWithPrune_thenReportFailedAndNothingPruned(TestCluster cluster) {
    // given: a and b applied
    assertThat(engine.apply(load(cluster, configMaps("a", "b")), OPTIONS.withPrune("cm-set"), events::add)
        .succeeded()).isTrue();

    // when: b dropped, a Job the server refuses (restartPolicy Always) added
    RunReport report = engine.apply(load(cluster, configMaps("a") + """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: bad}
        spec:
          template:
            spec:
              restartPolicy: Always
              containers: [{name: run, image: busybox}]
        """), OPTIONS.withPrune("cm-set"), events::add);

    // then
    assertThat(report.result()).isEqualTo(RunReport.Result.FAILED);
    assertThat(report.object("Job", "bad").action()).isEqualTo(Action.FAILED);
    assertThat(report.object("Job", "bad").status()).isEqualTo(Status.FAILED);
    assertThat(report.object("Job", "bad").reason()).contains("restartPolicy");
    assertThat(report.pruned()).isEmpty();
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("b").get()).isNotNull();
  }

  @Test
  void givenEmptySet_whenAppliedWithPrune_thenRefusedBeforeAnyWriteUnlessAllowed(TestCluster cluster) {
    // given
    assertThat(engine.apply(load(cluster, configMaps("a")), OPTIONS.withPrune("cm-set"), events::add).succeeded())
        .isTrue();
    long before = writes(cluster);

    // when / then
    assertThatThrownBy(() -> engine.apply(load(cluster, ""), OPTIONS.withPrune("cm-set"), events::add))
        .isInstanceOf(EmptySetException.class).hasMessageContaining("cm-set");
    assertThat(writes(cluster)).isEqualTo(before);
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("a").get()).isNotNull();

    // when allowed
    RunReport emptied = engine.apply(load(cluster, ""), OPTIONS.withPrune("cm-set").withAllowEmptyPrune(true),
        events::add);

    // then
    assertThat(emptied.succeeded()).isTrue();
    assertThat(emptied.pruned()).extracting(RunReport.ObjectReport::name).containsExactly("a");
  }

  @Test
  void givenParentOwnedByAnotherTool_whenApplied_thenRefusedNamingItAndNothingWritten(TestCluster cluster) {
    // given
    cluster.client().secrets().inNamespace(cluster.namespace()).resource(new SecretBuilder().withNewMetadata()
        .withName("their-set").addToAnnotations(ApplySetKeys.TOOLING_ANNOTATION, "kubectl/v1.30.0").endMetadata()
        .build()).create();
    long before = writes(cluster);

    // when / then
    assertThatThrownBy(() -> engine.apply(load(cluster, configMaps("a")), OPTIONS.withPrune("their-set"), events::add))
        .isInstanceOf(ForeignApplySetException.class).hasMessageContaining("kubectl/v1.30.0")
        .hasMessageContaining("their-set");
    assertThat(writes(cluster)).isEqualTo(before);
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("a").get()).isNull();
  }

  @Test
  void givenServerDryRun_whenApplied_thenReportsWhatWouldHappenAndStoresNothing(TestCluster cluster) {
    // given
    assertThat(engine.apply(load(cluster, configMaps("a")), OPTIONS.withApplySet("cm-set"), events::add).succeeded())
        .isTrue();
    long before = cluster.requests().count(RequestQuery.all().verb("create").namespace(cluster.namespace()));

    // when
    RunReport report = engine.apply(load(cluster, configMaps("a", "b")),
        OPTIONS.withPrune("cm-set").withDryRunServer(true), events::add);

    // then
    assertThat(report.succeeded()).isTrue();
    assertThat(report.object("ConfigMap", "a").action()).isEqualTo(Action.UNCHANGED);
    assertThat(report.object("ConfigMap", "b").action()).isEqualTo(Action.CREATED);
    assertThat(report.pruned()).isEmpty();
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("b").get()).isNull();
    assertThat(cluster.requests().count(RequestQuery.all().verb("create").namespace(cluster.namespace())))
        .isEqualTo(before);
  }

  @Test
  void givenPruneWithoutApplySet_whenOptionsBuilt_thenUsageError() {
    assertThatThrownBy(() -> DeployOptions.DEFAULTS.withPrune(true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ApplySet");
  }

  @Test
  void givenInvalidSet_whenLoaded_thenProblemsNameFileAndDocumentAndNothingIsWritten(TestCluster cluster) {
    long before = writes(cluster);

    assertThatThrownBy(() -> load(cluster, configMaps("a") + "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"))
        .isInstanceOf(InvalidManifestException.class).hasMessageContaining("set.yaml#1");
    assertThat(writes(cluster)).isEqualTo(before);
  }
}
