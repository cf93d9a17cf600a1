package dev.converge.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.core.status.wait.InformerWatchSource;
import dev.converge.core.status.wait.ReadinessWaiter;
import dev.converge.core.status.wait.WaitOptions;
import dev.converge.engine.Applier;
import dev.converge.engine.ApplyResult;
import dev.converge.engine.manifest.KindResolver;
import dev.converge.engine.manifest.ManifestValidator;
import dev.converge.engine.manifest.ObjectKey;
import dev.converge.engine.manifest.Yaml;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.Planner;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The applier lands a plan stage by stage; a failed stage stops the stages that depend on it. */
@ConvergeCluster(controllers = true)
@Requires(Capability.FAULTS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ApplierTest {
  static final String CRD = "widgets.applier.converge.dev";

  @AfterEach
  void cleanUp(TestCluster cluster) {
    cluster.faults().clear();
    cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).delete();
    cluster.eventually(Duration.ofSeconds(20), () -> assertThat(
        cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get()).isNull());
  }

  static Plan plan(TestCluster cluster, ConvergeClient ops, String yaml) {
    return Planner.plan(new ManifestValidator(KindResolver.of(ops.discovery()), cluster.namespace())
        .validate(Yaml.read("set.yaml", yaml)).orThrow());
  }

  static ConvergeClient ops(TestCluster cluster) {
    return ConvergeClient.wrap(cluster.client(), ClientOptions.DEFAULTS.with(b -> b.retryPolicy(RetryPolicy.NONE)));
  }

  @Test
  void givenCustomResourceBeforeItsCrd_whenApplied_thenCrdIsEstablishedFirstAndEverythingLands(TestCluster cluster) {
    try (ConvergeClient ops = ops(cluster);
        InformerWatchSource source = new InformerWatchSource(cluster.client());
        ReadinessWaiter waiter = new ReadinessWaiter(source, WaitOptions.DEFAULTS.withTimeout(Duration.ofSeconds(20)))) {
      // given: the custom resource comes first in the file
      Plan plan = plan(cluster, ops, """
          apiVersion: applier.converge.dev/v1
          kind: Widget
          metadata: {name: w}
          spec: {size: 3}
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: settings}
          data: {a: b}
          ---
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata: {name: widgets.applier.converge.dev}
          spec:
            group: applier.converge.dev
            scope: Namespaced
            names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
            versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
          """);

      // when
      ApplyResult result = new Applier(ops, waiter, Applier.DEFAULT_CONCURRENCY).apply(plan);

      // then
      assertThat(result.failed()).isEmpty();
      assertThat(result.applied()).hasSize(3);
      assertThat(result.applied().get(0).kind()).isEqualTo("CustomResourceDefinition");
      GenericKubernetesResource widget = cluster.client().genericKubernetesResources("applier.converge.dev/v1", "Widget")
          .inNamespace(cluster.namespace()).withName("w").get();
      assertThat(widget).isNotNull();
      assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("settings").get()).isNotNull();
    }
  }

  @Test
  void givenFailingStage_whenApplied_thenLaterStagesAreNotWritten(TestCluster cluster) {
    try (ConvergeClient ops = ops(cluster);
        InformerWatchSource source = new InformerWatchSource(cluster.client());
        ReadinessWaiter waiter = new ReadinessWaiter(source, WaitOptions.DEFAULTS.withTimeout(Duration.ofSeconds(20)))) {
      // given: every write of a ConfigMap fails with 500, and retries are off
      cluster.faults().add(FaultSpec.parse("verb=patch,path=/api/v1/namespaces/" + cluster.namespace()
          + "/configmaps/*,status=500"));
      Plan plan = plan(cluster, ops, """
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: settings}
          ---
          apiVersion: v1
          kind: Service
          metadata: {name: web}
          spec:
            ports: [{port: 80}]
          """);

      // when
      ApplyResult result = new Applier(ops, waiter, Applier.DEFAULT_CONCURRENCY).apply(plan);

      // then
      assertThat(result.succeeded()).isFalse();
      assertThat(result.failed()).containsOnlyKeys(new ObjectKey("", "ConfigMap", cluster.namespace(), "settings"));
      assertThat(result.applied()).isEmpty();
      assertThat(cluster.client().services().inNamespace(cluster.namespace()).withName("web").get()).isNull();
    }
  }
}
