package dev.converge.sandbox.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.ApiException.Cause;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectRulesValidationTest {
  private static final String SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of "
      + "lower case alphanumeric characters, '-' or '.', and must start and end with an "
      + "alphanumeric character (e.g. 'example.com', regex used for validation is "
      + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  private static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower "
      + "case alphanumeric characters or '-', and must start and end with an alphanumeric "
      + "character (e.g. 'my-name',  or '123-abc', regex used for validation is "
      + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  private static final String DNS1035_MSG = "a DNS-1035 label must consist of lower case "
      + "alphanumeric characters or '-', start with an alphabetic character, and end with an "
      + "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
      + "'[a-z]([-a-z0-9]*[a-z0-9])?')";

  private final ObjectRules rules = new ObjectRules();

  private static ApiException invalidOnCreate(String yaml) {
    ObjectNode obj = Yaml.object(yaml);
    try {
      new ObjectRules().validateCreate(Yaml.typeOf(obj), obj);
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("expected 422 for " + yaml);
  }

  @Nested
  class OnCreate {
    @Test
    void givenUnderscoreName_whenCreated_thenInvalidWithTheUpstreamMessage() {
      ApiException e = invalidOnCreate("{apiVersion: v1, kind: ConfigMap, "
          + "metadata: {name: Foo_bar}}");
      assertThat(e.code()).isEqualTo(422);
      assertThat(e.reason()).isEqualTo("Invalid");
      assertThat(e.causes()).containsExactly(new Cause("FieldValueInvalid",
          "Invalid value: \"Foo_bar\": " + SUBDOMAIN_MSG, "metadata.name"));
      assertThat(e.getMessage()).isEqualTo("ConfigMap \"Foo_bar\" is invalid: metadata.name: "
          + "Invalid value: \"Foo_bar\": " + SUBDOMAIN_MSG);
    }

    static Stream<Arguments> badNames() {
      return Stream.of(
          Arguments.of("namespace with a dot", "{apiVersion: v1, kind: Namespace, "
              + "metadata: {name: a.b}}", "metadata.name", "Invalid value: \"a.b\": "
              + LABEL_MSG),
          Arguments.of("service starting with a digit", "{apiVersion: v1, kind: Service, "
              + "metadata: {name: 1web}}", "metadata.name", "Invalid value: \"1web\": "
              + DNS1035_MSG),
          Arguments.of("subdomain over 253", "{apiVersion: v1, kind: ConfigMap, "
              + "metadata: {name: " + "a".repeat(254) + "}}", "metadata.name",
              "Invalid value: \"" + "a".repeat(254) + "\": must be no more than 253 characters"),
          Arguments.of("label over 63", "{apiVersion: v1, kind: Namespace, "
              + "metadata: {name: " + "a".repeat(64) + "}}", "metadata.name",
              "Invalid value: \"" + "a".repeat(64) + "\": must be no more than 63 characters"),
          Arguments.of("bad generateName", "{apiVersion: v1, kind: ConfigMap, "
              + "metadata: {generateName: Bad-, name: bad-x1234}}", "metadata.generateName",
              "Invalid value: \"Bad-\": " + SUBDOMAIN_MSG),
          Arguments.of("bad label key", "{apiVersion: v1, kind: ConfigMap, "
              + "metadata: {name: ok, labels: {\"-bad\": x}}}", "metadata.labels",
              "Invalid value: \"-bad\": name part must consist of alphanumeric characters, "
              + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
              + "'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
              + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
          Arguments.of("label value over 63", "{apiVersion: v1, kind: ConfigMap, "
              + "metadata: {name: ok, labels: {k: " + "v".repeat(64) + "}}}", "metadata.labels",
              "Invalid value: \"" + "v".repeat(64) + "\": must be no more than 63 characters"),
          Arguments.of("cronjob over 52", "{apiVersion: batch/v1, kind: CronJob, "
              + "metadata: {name: " + "c".repeat(53) + "}}", "metadata.name",
              "Invalid value: \"" + "c".repeat(53) + "\": must be no more than 52 characters"),
          Arguments.of("job restarting Always", "{apiVersion: batch/v1, kind: Job, "
              + "metadata: {name: j}, spec: {template: {spec: {restartPolicy: Always}}}}",
              "spec.template.spec.restartPolicy",
              "Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badNames")
    void givenBadMetadata_whenCreated_thenTheCauseNamesTheField(String name, String yaml,
        String field, String message) {
      ApiException e = invalidOnCreate(yaml);
      assertThat(e.causes()).extracting(Cause::field, Cause::message)
          .contains(org.assertj.core.groups.Tuple.tuple(field, message));
    }

    @Test
    void givenHugeAnnotations_whenCreated_thenTooLong() {
      ApiException e = invalidOnCreate("{apiVersion: v1, kind: ConfigMap, metadata: {name: ok,"
          + " annotations: {a: " + "x".repeat(256 * 1024) + "}}}");
      assertThat(e.causes()).containsExactly(new Cause("FieldValueTooLong",
          "Too long: must have at most 262144 bytes", "metadata.annotations"));
    }

    static Stream<String> goodObjects() {
      return Stream.of(
          "{apiVersion: v1, kind: ConfigMap, metadata: {name: a.b-c}}",
          "{apiVersion: v1, kind: ConfigMap, metadata: {name: " + "a".repeat(253) + "}}",
          "{apiVersion: v1, kind: Namespace, metadata: {name: " + "a".repeat(63) + "}}",
          "{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, "
              + "metadata: {name: \"system:controller:x\"}}",
          "{apiVersion: v1, kind: ConfigMap, metadata: {name: x, generateName: gen-, "
              + "labels: {app.kubernetes.io/name: My_App.1, empty: \"\"}, "
              + "annotations: {Example.com/Note: anything goes here!}}}",
          "{apiVersion: batch/v1, kind: CronJob, metadata: {name: " + "c".repeat(52) + "}}");
    }

    @ParameterizedTest
    @MethodSource("goodObjects")
    void givenValidMetadata_whenCreated_thenAccepted(String yaml) {
      ObjectNode obj = Yaml.object(yaml);
      assertThatCode(() -> rules.validateCreate(Yaml.typeOf(obj), obj))
          .doesNotThrowAnyException();
    }
  }

  @Nested
  class OnUpdate {
    private ApiException refused(String before, String after) {
      ObjectNode prev = Yaml.object(before);
      ObjectNode next = Yaml.object(after);
      rules.defaults(Yaml.typeOf(prev), prev);
      rules.defaults(Yaml.typeOf(next), prev, next);
      try {
        rules.validateUpdate(Yaml.typeOf(next), prev, next);
      } catch (ApiException e) {
        assertThat(e.code()).isEqualTo(422);
        return e;
      }
      throw new AssertionError("expected the update to be refused: " + after);
    }

    private void accepted(String before, String after) {
      ObjectNode prev = Yaml.object(before);
      ObjectNode next = Yaml.object(after);
      rules.defaults(Yaml.typeOf(prev), prev);
      rules.defaults(Yaml.typeOf(next), prev, next);
      assertThatCode(() -> rules.validateUpdate(Yaml.typeOf(next), prev, next))
          .doesNotThrowAnyException();
    }

    @Test
    void givenDeploymentSelectorChange_thenImmutableInGoSyntax() {
      ApiException e = refused(
          "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, "
              + "spec: {selector: {matchLabels: {app: a}}}}",
          "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, "
              + "spec: {selector: {matchLabels: {version: v2, app: b}}}}");
      assertThat(e.getMessage()).isEqualTo("Deployment \"d\" is invalid: spec.selector: "
          + "Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"b\", "
          + "\"version\":\"v2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: "
          + "field is immutable");
    }

    @Test
    void givenDeploymentReplicasChange_thenAccepted() {
      accepted("{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, "
              + "spec: {replicas: 1, selector: {matchLabels: {app: a}}}}",
          "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, "
              + "spec: {replicas: 5, selector: {matchLabels: {app: a}}}}");
    }

    @Test
    void givenJobTemplateAndCompletionsChange_thenBothImmutable() {
      String before = "{apiVersion: batch/v1, kind: Job, metadata: {name: j, uid: u}, spec: "
          + "{completions: 1, template: {spec: {restartPolicy: Never, "
          + "containers: [{name: c, image: a}]}}}}";
      String after = "{apiVersion: batch/v1, kind: Job, metadata: {name: j, uid: u}, spec: "
          + "{completions: 2, template: {spec: {restartPolicy: Never, "
          + "containers: [{name: c, image: b}]}}}}";
      ApiException e = refused(before, after);
      assertThat(e.causes()).extracting(Cause::field)
          .containsExactly("spec.completions", "spec.template");
      assertThat(e.causes().get(0).message()).isEqualTo("Invalid value: 2: field is immutable");
      assertThat(e.causes())
          .allSatisfy(c -> assertThat(c.message()).endsWith(": field is immutable"));
    }

    @Test
    void givenJobSuspended_thenAccepted() {
      String job = "{apiVersion: batch/v1, kind: Job, metadata: {name: j, uid: u}, spec: "
          + "{suspend: %s, template: {spec: {restartPolicy: Never}}}}";
      accepted(job.formatted("false"), job.formatted("true"));
    }

    @Test
    void givenStatefulSetServiceNameChange_thenForbidden() {
      ApiException e = refused(
          "{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: s}, "
              + "spec: {serviceName: a, selector: {matchLabels: {app: a}}}}",
          "{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: s}, "
              + "spec: {serviceName: b, selector: {matchLabels: {app: a}}}}");
      assertThat(e.getMessage()).isEqualTo("StatefulSet \"s\" is invalid: spec: Forbidden: "
          + "updates to statefulset spec for fields other than 'replicas', 'ordinals', "
          + "'template', 'updateStrategy', 'revisionHistoryLimit', "
          + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
    }

    @Test
    void givenStatefulSetMutableFieldsChange_thenAccepted() {
      accepted("{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: s}, "
              + "spec: {serviceName: a, replicas: 1}}",
          "{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: s}, spec: {serviceName: a,"
              + " replicas: 3, minReadySeconds: 5, revisionHistoryLimit: 1, "
              + "updateStrategy: {type: OnDelete}}}");
    }

    @Test
    void givenServiceClusterIpChange_thenImmutable() {
      ApiException e = refused(
          "{apiVersion: v1, kind: Service, metadata: {name: s}, spec: {clusterIP: 10.96.1.1}}",
          "{apiVersion: v1, kind: Service, metadata: {name: s}, spec: {clusterIP: 10.96.1.2}}");
      assertThat(e.causes()).containsExactly(new Cause("FieldValueInvalid",
          "Invalid value: \"10.96.1.2\": field is immutable", "spec.clusterIP"));
    }

    @Test
    void givenServiceUpdateOmittingClusterIp_thenAccepted() {
      accepted("{apiVersion: v1, kind: Service, metadata: {name: s}, spec: {ports: [{port: 1}]}}",
          "{apiVersion: v1, kind: Service, metadata: {name: s}, spec: {ports: [{port: 2}]}}");
    }

    @Test
    void givenClaimStorageClassChange_thenForbidden_butRequestsMayGrow() {
      String claim = "{apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: c}, "
          + "spec: {storageClassName: %s, resources: {requests: {storage: %s}}}}";
      ApiException e = refused(claim.formatted("a", "1Gi"), claim.formatted("b", "1Gi"));
      assertThat(e.causes()).containsExactly(new Cause("FieldValueForbidden", "Forbidden: spec "
          + "is immutable after creation except resources.requests and "
          + "volumeAttributesClassName for bound claims", "spec"));
      accepted(claim.formatted("a", "1Gi"), claim.formatted("a", "2Gi"));
    }

    @Test
    void givenClaimBinding_thenVolumeNameMayBeSetOnce() {
      String claim = "{apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: c}, "
          + "spec: {volumeName: %s}}";
      accepted(claim.formatted("\"\""), claim.formatted("pv-1"));
      refused(claim.formatted("pv-1"), claim.formatted("pv-2"));
    }

    @Test
    void givenImmutableConfigMap_whenDataOrFlagChange_thenForbidden() {
      ApiException e = refused(
          "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, immutable: true, data: {a: 1}}",
          "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: 2}}");
      assertThat(e.causes()).containsExactly(
          new Cause("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set",
              "immutable"),
          new Cause("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set",
              "data"));
    }

    @Test
    void givenImmutableConfigMap_whenOnlyLabelsChange_thenAccepted() {
      accepted("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, immutable: true, "
              + "data: {a: 1}}",
          "{apiVersion: v1, kind: ConfigMap, metadata: {name: c, labels: {x: y}}, "
              + "immutable: true, data: {a: 1}}");
    }

    @Test
    void givenImmutableSecret_whenStringDataWritten_thenForbidden() {
      ApiException e = refused(
          "{apiVersion: v1, kind: Secret, metadata: {name: s}, immutable: true, data: {a: YQ==}}",
          "{apiVersion: v1, kind: Secret, metadata: {name: s}, immutable: true, data: {a: YQ==},"
              + " stringData: {b: x}}");
      assertThat(e.causes()).extracting(Cause::field).containsExactly("data");
    }

    @Test
    void givenSecretTypeChange_thenImmutable() {
      ApiException e = refused("{apiVersion: v1, kind: Secret, metadata: {name: s}}",
          "{apiVersion: v1, kind: Secret, metadata: {name: s}, type: kubernetes.io/tls}");
      assertThat(e.causes()).containsExactly(new Cause("FieldValueInvalid",
          "Invalid value: \"kubernetes.io/tls\": field is immutable", "type"));
    }
  }

  @Test
  void givenInvalidAndImmutableErrorsTogether_thenMessageListsThemInBrackets() {
    ApiException e = assertThrows(() -> {
      ObjectNode cm = Yaml.object("{apiVersion: v1, kind: ConfigMap, metadata: {name: A, "
          + "labels: {\"a/b/c\": x}}}");
      rules.validateCreate(Yaml.typeOf(cm), cm);
    });
    assertThat(e.getMessage()).startsWith("ConfigMap \"A\" is invalid: [metadata.name: ")
        .endsWith("]");
  }

  private static ApiException assertThrows(Runnable r) {
    return (ApiException) assertThatThrownBy(r::run).isInstanceOf(ApiException.class)
        .actual();
  }
}
