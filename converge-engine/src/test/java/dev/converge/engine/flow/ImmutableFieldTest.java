package dev.converge.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.status.Status;
import dev.converge.engine.DeployOptions;
import dev.converge.engine.Engine;
import dev.converge.engine.RunReport;
import dev.converge.engine.RunReport.Action;
import dev.converge.engine.manifest.Yaml;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.TestCluster;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A change to an immutable field fails naming the field, or, when asked, deletes, waits and recreates. */
@ConvergeCluster(controllers = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImmutableFieldTest {
  static final DeployOptions OPTIONS = DeployOptions.DEFAULTS.withTimeout(Duration.ofSeconds(20));

  Engine engine;

  @BeforeEach
  void open(TestCluster cluster) {
    engine = Engine.create(cluster.client());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  RunReport apply(TestCluster cluster, String yaml, DeployOptions options) {
    return engine.apply(engine.validate(Yaml.read("set.yaml", yaml), cluster.namespace()), options, e -> {});
  }

  static String job(String image) {
    return """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: run, image: "%s"}]
        """.formatted(image);
  }

  static String web(String selector) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec: {containers: [{name: app, image: nginx}]}
        """.formatted(selector, selector);
  }

  @Test
  void givenJobTemplateChanged_whenApplied_thenFailsNamingTheImmutableField(TestCluster cluster) {
    // given
    assertThat(apply(cluster, job("busybox:1"), OPTIONS).succeeded()).isTrue();

    // when
    RunReport report = apply(cluster, job("busybox:2"), OPTIONS);

    // then
    assertThat(report.result()).isEqualTo(RunReport.Result.FAILED);
    RunReport.ObjectReport migrate = report.object("Job", "migrate");
    assertThat(migrate.action()).isEqualTo(Action.FAILED);
    assertThat(migrate.reason()).contains("spec.template").contains("immutable").contains("recreate-on-immutable");
  }

  @Test
  void givenJobTemplateChanged_whenAppliedWithRecreate_thenDeletedWaitedAndCreatedAnew(TestCluster cluster) {
    // given
    assertThat(apply(cluster, job("busybox:1"), OPTIONS).succeeded()).isTrue();
    String oldUid = cluster.client().batch().v1().jobs().inNamespace(cluster.namespace()).withName("migrate").get()
        .getMetadata().getUid();

    // when
    RunReport report = apply(cluster, job("busybox:2"), OPTIONS.withRecreateOnImmutable(true));

    // then
    assertThat(report.result()).as("%s", report).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(report.object("Job", "migrate").action()).isEqualTo(Action.RECREATED);
    assertThat(report.object("Job", "migrate").status()).isEqualTo(Status.CURRENT);
    var job = cluster.client().batch().v1().jobs().inNamespace(cluster.namespace()).withName("migrate").get();
    assertThat(job.getMetadata().getUid()).isNotEqualTo(oldUid);
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("busybox:2");
  }

  @Test
  void givenDeploymentSelectorChanged_whenApplied_thenFailsNamingSpecSelector(TestCluster cluster) {
    // given
    assertThat(apply(cluster, web("web"), OPTIONS).succeeded()).isTrue();

    // when
    RunReport report = apply(cluster, web("web-v2"), OPTIONS);

    // then
    assertThat(report.result()).isEqualTo(RunReport.Result.FAILED);
    assertThat(report.object("Deployment", "web").reason()).contains("spec.selector");
  }
}
