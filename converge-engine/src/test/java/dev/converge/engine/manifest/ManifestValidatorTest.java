package dev.converge.engine.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ManifestValidatorTest {

  @Test
  void givenSeveralBrokenObjects_whenValidated_thenEveryProblemIsReportedWithFileDocumentAndField() {
    // given
    String text = """
        kind: ConfigMap
        metadata: {name: no-api-version}
        ---
        apiVersion: v1
        metadata: {name: no-kind}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {labels: {a: b}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: Not_Valid}
        """;

    // when
    ValidationReport report = Yaml.validate(text);

    // then
    assertThat(report.valid()).isFalse();
    assertThat(report.problems()).extracting(p -> p.source().document() + " " + p.field())
        .containsExactly("0 apiVersion", "1 kind", "2 metadata.name", "3 metadata.name");
    assertThat(report.problems().get(3).message()).contains("\"Not_Valid\"", "DNS-1123 subdomain");
    assertThat(report.problems().get(3).object()).isEqualTo("v1 ConfigMap Not_Valid");
  }

  @Test
  void givenParseErrorAndInvalidObject_whenValidated_thenBothAreReported() {
    // given
    Manifests read = Yaml.read("a.yaml", "apiVersion: v1\nkind: [unclosed\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n");

    // when
    ValidationReport report = new ManifestValidator(BuiltInKinds.INSTANCE, "default").validate(read);

    // then
    assertThat(report.problems()).hasSize(2);
    assertThat(report.problems().get(0).message()).startsWith("does not parse");
    assertThat(report.problems().get(1).field()).isEqualTo("metadata.name");
  }

  @Test
  void givenInvalidSet_whenOrThrow_thenExceptionListsEveryProblemOnItsOwnLine() {
    ValidationReport report = Yaml.validate("""
        apiVersion: v1
        kind: ConfigMap
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: prod.example}
        """);

    assertThatThrownBy(report::orThrow).isInstanceOf(InvalidManifestException.class)
        .hasMessageStartingWith("manifests are invalid (2 problems); nothing was applied:\n  - set.yaml#0 (line 1)")
        .hasMessageContaining("\n  - set.yaml#1 (line 4) v1 Namespace prod.example: metadata.name: \"prod.example\" is not a DNS-1123 label");
  }

  @Nested
  class Names {
    @Test
    void givenRbacNameWithColon_whenValidated_thenValid() {
      assertThat(Yaml.validate("""
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata: {name: "system:aggregate-to-edit"}
          """).problems()).isEmpty();
    }

    @Test
    void givenServiceStartingWithDigit_whenValidated_thenDns1035Problem() {
      assertThat(Yaml.validate("""
          apiVersion: v1
          kind: Service
          metadata: {name: 1web}
          """).problems()).singleElement().extracting(Problem::message).asString().contains("DNS-1035");
    }

    @Test
    void givenNameOf253Characters_thenValid_and254_thenInvalid() {
      String template = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s}\n";
      assertThat(Yaml.validate(template.formatted("a".repeat(253))).problems()).isEmpty();
      assertThat(Yaml.validate(template.formatted("a".repeat(254))).problems()).hasSize(1);
    }
  }

  @Nested
  class Duplicates {
    @Test
    void givenSameObjectTwiceAcrossVersions_whenValidated_thenDuplicateNamesTheFirst() {
      ValidationReport report = Yaml.validate("""
          apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata: {name: web, namespace: prod}
          ---
          apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata: {name: web, namespace: prod}
          ---
          apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata: {name: web, namespace: staging}
          """);

      assertThat(report.problems()).singleElement().satisfies(p -> {
        assertThat(p.source().document()).isEqualTo(1);
        assertThat(p.message()).isEqualTo("duplicate of the object at set.yaml#0 (line 1)");
      });
    }

    @Test
    void givenDefaultedNamespaceMatchingExplicitOne_whenValidated_thenDuplicate() {
      assertThat(Yaml.validate("""
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: a}
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: a, namespace: default}
          """).problems()).singleElement().extracting(Problem::message).asString().startsWith("duplicate");
    }
  }

  @Nested
  class Kinds {
    @Test
    void givenKindNobodyServes_whenValidated_thenProblemOnKind() {
      assertThat(Yaml.validate("""
          apiVersion: example.com/v1
          kind: Widget
          metadata: {name: w}
          """).problems()).singleElement().satisfies(p -> {
        assertThat(p.field()).isEqualTo("kind");
        assertThat(p.message()).contains("does not serve Widget in example.com/v1",
            "no CustomResourceDefinition in the set");
      });
    }

    @Test
    void givenCrdInTheSet_whenValidated_thenItsCustomResourcesAreValidAndScopedAsTheCrdSays() {
      ValidationReport report = Yaml.validate(CRDS + """
          ---
          apiVersion: example.com/v1
          kind: Widget
          metadata: {name: w}
          ---
          apiVersion: example.com/v1
          kind: Gadget
          metadata: {name: g}
          """);

      assertThat(report.problems()).isEmpty();
      assertThat(report.objects()).extracting(ManifestObject::describe).contains(
          "example.com/v1 Widget default/w", "example.com/v1 Gadget g");
    }

    @Test
    void givenCustomResourceAtVersionTheCrdDoesNotDefine_whenValidated_thenUnknownKind() {
      assertThat(Yaml.validate(CRDS + """
          ---
          apiVersion: example.com/v2
          kind: Widget
          metadata: {name: w}
          """).problems()).singleElement().extracting(Problem::field).isEqualTo("kind");
    }

    static final String CRDS = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Widget, plural: widgets}
          versions: [{name: v1, served: true, storage: true}]
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: gadgets.example.com}
        spec:
          group: example.com
          scope: Cluster
          names: {kind: Gadget, plural: gadgets}
          versions: [{name: v1, served: true, storage: true}]
        """;
  }

  @Nested
  class Namespaces {
    @Test
    void givenNamespacedObjectWithoutNamespace_whenValidated_thenDefaultNamespaceIsSet() {
      ValidationReport report = new ManifestValidator(BuiltInKinds.INSTANCE, "team-a").validate(Yaml.read("x.yaml", """
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: a}
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata: {name: r}
          """));

      assertThat(report.problems()).isEmpty();
      assertThat(report.objects()).extracting(ManifestObject::namespace).containsExactly("team-a", null);
    }

    @Test
    void givenClusterScopedObjectWithNamespace_whenValidated_thenError() {
      assertThat(Yaml.validate("""
          apiVersion: v1
          kind: Namespace
          metadata: {name: prod, namespace: default}
          """).problems()).singleElement().satisfies(p -> {
        assertThat(p.field()).isEqualTo("metadata.namespace");
        assertThat(p.message()).isEqualTo("Namespace is cluster-scoped and cannot have a namespace");
      });
    }
  }

  @Nested
  class DependsOnAnnotation {
    @Test
    void givenReferencesInsideTheSet_whenValidated_thenValid() {
      assertThat(Yaml.validate("""
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: a
            annotations:
              config.kubernetes.io/depends-on: /namespaces/default/Secret/s, rbac.authorization.k8s.io/ClusterRole/r
          ---
          apiVersion: v1
          kind: Secret
          metadata: {name: s}
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata: {name: r}
          """).problems()).isEmpty();
    }

    @Test
    void givenMalformedAndUnknownReferences_whenValidated_thenEachIsReported() {
      ValidationReport report = Yaml.validate("""
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: a
            annotations:
              config.kubernetes.io/depends-on: apps/namespaces/default/Deployment/missing
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: b
            annotations:
              config.kubernetes.io/depends-on: apps/Deployment
          """);

      assertThat(report.problems()).extracting(Problem::message).containsExactly(
          "depends on apps/namespaces/default/Deployment/missing, which is not in the set",
          "malformed reference \"apps/Deployment\": expected group/namespaces/namespace/kind/name or group/kind/name");
      assertThat(report.problems().get(0).field()).isEqualTo("metadata.annotations[config.kubernetes.io/depends-on]");
    }

    @Test
    void givenCycle_whenValidated_thenProblemShowsTheCyclePath() {
      ValidationReport report = Yaml.validate("""
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: a
            annotations: {config.kubernetes.io/depends-on: /namespaces/default/ConfigMap/b}
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: b
            annotations: {config.kubernetes.io/depends-on: /namespaces/default/ConfigMap/a}
          """);

      assertThat(report.problems()).singleElement().extracting(Problem::message).isEqualTo(
          "dependency cycle: /namespaces/default/ConfigMap/a -> /namespaces/default/ConfigMap/b"
              + " -> /namespaces/default/ConfigMap/a");
    }

    @Test
    void givenCycleAndDuplicate_whenValidated_thenBothAreReported() {
      ValidationReport report = Yaml.validate("""
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: a
            annotations: {config.kubernetes.io/depends-on: /namespaces/default/ConfigMap/b}
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: b
            annotations: {config.kubernetes.io/depends-on: /namespaces/default/ConfigMap/a}
          ---
          apiVersion: v1
          kind: Secret
          metadata: {name: s}
          ---
          apiVersion: v1
          kind: Secret
          metadata: {name: s}
          """);

      assertThat(report.problems()).extracting(Problem::message).hasSize(2)
          .anySatisfy(m -> assertThat(m).startsWith("duplicate"))
          .anySatisfy(m -> assertThat(m).startsWith("dependency cycle"));
    }

    @Test
    void givenNamespaceDependingOnItsOwnContent_whenValidated_thenCycleThroughTheImplicitEdge() {
      ValidationReport report = Yaml.validate("""
          apiVersion: v1
          kind: Namespace
          metadata:
            name: prod
            annotations: {config.kubernetes.io/depends-on: /namespaces/prod/ConfigMap/a}
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: a, namespace: prod}
          """);

      assertThat(report.problems()).singleElement().extracting(Problem::message).asString()
          .startsWith("dependency cycle: ").contains("/Namespace/prod", "/namespaces/prod/ConfigMap/a");
    }
  }
}
