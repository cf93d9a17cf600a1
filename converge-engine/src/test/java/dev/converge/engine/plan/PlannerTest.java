package dev.converge.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.engine.manifest.ManifestObject;
import dev.converge.engine.manifest.Yaml;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class PlannerTest {

  /** The stage of the object {@code Kind/name}. */
  static int stageOf(Plan plan, String kindSlashName) {
    return plan.stages().stream()
        .filter(s -> s.objects().stream().anyMatch(o -> (o.kind() + "/" + o.name()).equals(kindSlashName)))
        .mapToInt(Plan.Stage::index).findFirst()
        .orElseThrow(() -> new AssertionError(kindSlashName + " is not in the plan:\n" + plan));
  }

  static Plan plan(String yaml) {
    return Planner.plan(Yaml.validate(yaml).orThrow());
  }

  static Stream<Arguments> orderings() {
    return Stream.of(
        Arguments.of("CRD before its custom resource, listed first", """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w, namespace: prod}
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {kind: Widget, plural: widgets}
              versions: [{name: v1, served: true, storage: true}]
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: prod}
            """, "CustomResourceDefinition/widgets.example.com", "Widget/w"),
        Arguments.of("Namespace before its contents", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: prod}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: prod}
            """, "Namespace/prod", "Deployment/web"),
        Arguments.of("webhook configuration after the Deployment it calls", """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata: {name: hook}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: hook-server}
            """, "Deployment/hook-server", "ValidatingWebhookConfiguration/hook"),
        Arguments.of("depends-on overrides rank: a ConfigMap after the Deployment it names", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: after-web
              annotations: {config.kubernetes.io/depends-on: apps/namespaces/default/Deployment/web}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            """, "Deployment/web", "ConfigMap/after-web"),
        Arguments.of("rank: ServiceAccount and ConfigMap before the workload", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: web}
            """, "ServiceAccount/web", "Deployment/web"),
        Arguments.of("rank: Service before workload, Job after it", """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            """, "Deployment/web", "Job/migrate"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orderings")
  void givenSet_whenPlanned_thenFirstIsInAnEarlierStageThanSecond(String name, String yaml, String first, String second) {
    // when
    Plan plan = plan(yaml);

    // then
    assertThat(stageOf(plan, first)).as(plan.toString()).isLessThan(stageOf(plan, second));
  }

  @Test
  void givenIndependentObjectsOfOneRank_whenPlanned_thenTheyShareOneStageInManifestOrder() {
    Plan plan = plan("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        """);

    assertThat(plan.stages()).singleElement().extracting(Plan.Stage::objects).asList()
        .extracting(o -> ((ManifestObject) o).name()).containsExactly("c", "a", "b");
  }

  @Test
  void givenPlan_whenReversed_thenDependantsComeBeforeWhatTheyDependOn() {
    // given
    Plan plan = plan("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: prod}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: prod}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: prod}
        """);

    // when
    List<Plan.Stage> reversed = plan.reversed();

    // then
    assertThat(reversed).extracting(s -> s.objects().get(0).kind())
        .containsExactly("Deployment", "ConfigMap", "Namespace");
  }

  @Test
  void givenCycle_whenPlanned_thenMessageShowsThePath() {
    // given: validation would report this; the planner refuses it on its own too
    var objects = Yaml.read("set.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a
          namespace: default
          annotations: {config.kubernetes.io/depends-on: /namespaces/default/ConfigMap/b}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: b
          namespace: default
          annotations: {config.kubernetes.io/depends-on: /namespaces/default/ConfigMap/a}
        """).objects();

    // then
    assertThatThrownBy(() -> Planner.plan(objects)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dependency cycle: /namespaces/default/ConfigMap/a -> /namespaces/default/ConfigMap/b"
            + " -> /namespaces/default/ConfigMap/a");
  }

  @Test
  void givenThousandObjects_whenPlanned_thenTwoStages() {
    // given: the benchmark's shape, 1,000 ConfigMaps and 100 Deployments
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      yaml.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c").append(i).append("}\n---\n");
    }
    for (int i = 0; i < 100; i++) {
      yaml.append("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d").append(i).append("}\n---\n");
    }

    // when
    Plan plan = plan(yaml.toString());

    // then
    assertThat(plan.stages()).extracting(s -> s.objects().size()).containsExactly(1000, 100);
  }
}
