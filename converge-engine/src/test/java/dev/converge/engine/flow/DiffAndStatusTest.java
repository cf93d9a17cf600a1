package dev.converge.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.status.Status;
import dev.converge.core.status.wait.Goal;
import dev.converge.engine.DeployOptions;
import dev.converge.engine.Engine;
import dev.converge.engine.ManifestSet;
import dev.converge.engine.RunReport;
import dev.converge.engine.diff.DiffReport;
import dev.converge.engine.diff.ObjectDiff;
import dev.converge.engine.diff.ObjectDiff.Change;
import dev.converge.engine.manifest.Yaml;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.TestCluster;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Diff by server-side dry run against the live objects; status now and await until a goal. */
@ConvergeCluster(controllers = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiffAndStatusTest {
  static final DeployOptions OPTIONS = DeployOptions.DEFAULTS.withTimeout(Duration.ofSeconds(20)).withApplySet("app");

  Engine engine;

  @BeforeEach
  void open(TestCluster cluster) {
    engine = Engine.create(cluster.client());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  ManifestSet set(TestCluster cluster, int replicas, String password) {
    return engine.validate(Yaml.read("app.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: %d
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: app, image: "nginx:1.27"}]}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: token}
        stringData: {password: %s, user: admin}
        """.formatted(replicas, password)), cluster.namespace());
  }

  static ObjectDiff of(DiffReport report, String kind) {
    return report.objects().stream().filter(d -> d.object().kind().equals(kind)).findFirst().orElseThrow();
  }

  @Test
  void givenNothingApplied_whenDiffed_thenEveryObjectAddedAndSecretValuesHidden(TestCluster cluster) {
    // when
    DiffReport report = engine.diff(set(cluster, 2, "hunter2"), OPTIONS);

    // then
    assertThat(report.objects()).extracting(ObjectDiff::change).containsOnly(Change.ADDED);
    assertThat(of(report, "Deployment").lines()).contains("+ spec.replicas: 2");
    assertThat(of(report, "Secret").lines()).anyMatch(l -> l.contains("password") && l.contains("value hidden"));
    assertThat(report.objects()).flatExtracting(ObjectDiff::lines).noneMatch(l -> l.contains("hunter2"));
    assertThat(cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("web").get()).isNull();
  }

  @Test
  void givenAppliedSet_whenDiffedUnchangedThenChangedAndDrifted_thenOnlyRealChangesShow(TestCluster cluster) {
    // given
    assertThat(engine.apply(set(cluster, 2, "hunter2"), OPTIONS, e -> {}).succeeded()).isTrue();

    // when: same set
    DiffReport same = engine.diff(set(cluster, 2, "hunter2"), OPTIONS);

    // then: status, managedFields, resourceVersion, generation, uid do not count
    assertThat(same.empty()).as("%s", same).isTrue();

    // when: password changed, replicas drifted out of band
    cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("web").scale(4);
    String version = cluster.client().secrets().inNamespace(cluster.namespace()).withName("token").get()
        .getMetadata().getResourceVersion();
    DiffReport changed = engine.diff(set(cluster, 2, "s3cret"), OPTIONS);

    // then
    assertThat(of(changed, "Deployment").change()).isEqualTo(Change.CHANGED);
    assertThat(of(changed, "Deployment").lines()).containsExactly("- spec.replicas: 4", "+ spec.replicas: 2");
    assertThat(of(changed, "Secret").lines()).containsExactly("~ data.password: (changed, value hidden)",
        "  data.user: (unchanged, value hidden)");
    assertThat(changed.objects()).flatExtracting(ObjectDiff::lines).noneMatch(l -> l.contains("s3cret"));
    // a dry run stores nothing
    assertThat(cluster.client().secrets().inNamespace(cluster.namespace()).withName("token").get()
        .getMetadata().getResourceVersion()).isEqualTo(version);
  }

  @Test
  void givenSetAppliedWithoutWait_whenAwaitedThenDestroyed_thenStatusAndAwaitReportEachObject(TestCluster cluster) {
    // given
    ManifestSet set = set(cluster, 2, "x");
    assertThat(engine.apply(set, OPTIONS.withWait(false), e -> {}).objects())
        .extracting(RunReport.ObjectReport::status).containsOnly(Status.UNKNOWN);

    // when
    RunReport ready = engine.await(set, Goal.READY, Duration.ofSeconds(20), e -> {});

    // then
    assertThat(ready.result()).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(ready.objects()).extracting(RunReport.ObjectReport::status).containsOnly(Status.CURRENT);
    assertThat(engine.status(set).objects()).extracting(RunReport.ObjectReport::status).containsOnly(Status.CURRENT);

    // when
    RunReport destroyed = engine.destroy(set, OPTIONS, e -> {});

    // then: the parent went too, and status sees nothing
    assertThat(destroyed.result()).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(cluster.client().secrets().inNamespace(cluster.namespace()).withName("app").get()).isNull();
    assertThat(engine.await(set, Goal.DELETED, Duration.ofSeconds(5), e -> {}).result())
        .isEqualTo(RunReport.Result.SUCCESS);
    RunReport gone = engine.status(set);
    assertThat(gone.objects()).extracting(RunReport.ObjectReport::status).containsOnly(Status.NOT_FOUND);
    assertThat(gone.result()).isEqualTo(RunReport.Result.TIMEOUT);
  }
}
