package dev.converge.sandbox.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.sandbox.api.ResourceRegistry;
import dev.converge.sandbox.api.ResourceType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class BuiltinSchemasTest {
  private static final BuiltinSchemas SCHEMAS = new BuiltinSchemas();
  private static final String POD_SPEC = "spec.template.spec.";

  static Stream<Arguments> lists() {
    return Stream.of(
        row("", "ConfigMap", "metadata.finalizers", ListType.SET),
        row("", "ConfigMap", "metadata.ownerReferences", ListType.map("uid")),
        row("", "ConfigMap", "metadata.managedFields", ListType.ATOMIC),
        row("", "Pod", "spec.containers", ListType.map("name")),
        row("", "Pod", "spec.initContainers.env", ListType.map("name")),
        row("", "Pod", "spec.ephemeralContainers.volumeMounts", ListType.map("mountPath")),
        row("", "Pod", "spec.containers.ports", ListType.map("containerPort", "protocol")),
        row("", "Pod", "spec.containers.envFrom", ListType.ATOMIC),
        row("", "Pod", "spec.containers.volumeDevices", ListType.map("devicePath")),
        row("", "Pod", "spec.containers.args", ListType.ATOMIC),
        row("", "Pod", "spec.tolerations", ListType.ATOMIC),
        row("", "Pod", "spec.hostAliases", ListType.map("ip")),
        row("", "Pod", "spec.topologySpreadConstraints",
            ListType.map("topologyKey", "whenUnsatisfiable")),
        row("", "Pod", "spec.schedulingGates", ListType.map("name")),
        row("", "Pod", "spec.resourceClaims", ListType.map("name")),
        row("", "Pod", "spec.imagePullSecrets", ListType.map("name")),
        row("", "Pod", "status.conditions", ListType.map("type")),
        row("apps", "Deployment", POD_SPEC + "containers.env", ListType.map("name")),
        row("apps", "ReplicaSet", POD_SPEC + "volumes", ListType.map("name")),
        row("apps", "DaemonSet", POD_SPEC + "initContainers", ListType.map("name")),
        row("apps", "StatefulSet", POD_SPEC + "containers.ports",
            ListType.map("containerPort", "protocol")),
        row("apps", "StatefulSet", "spec.volumeClaimTemplates", ListType.ATOMIC),
        row("apps", "Deployment", "spec.template.metadata.finalizers", ListType.SET),
        row("batch", "Job", POD_SPEC + "containers", ListType.map("name")),
        row("batch", "Job", "status.conditions",
            new ListType(ListType.Kind.ATOMIC, List.of(), "type")),
        row("batch", "CronJob", "spec.jobTemplate.spec.template.spec.containers.env",
            ListType.map("name")),
        row("", "Service", "spec.ports", ListType.map("port", "protocol")),
        row("", "Node", "status.addresses", ListType.map("type")),
        row("", "Endpoints", "subsets", ListType.ATOMIC),
        row("rbac.authorization.k8s.io", "ClusterRole", "rules", ListType.ATOMIC),
        row("admissionregistration.k8s.io", "MutatingWebhookConfiguration", "webhooks",
            ListType.map("name")),
        row("apiextensions.k8s.io", "CustomResourceDefinition", "spec.versions",
            ListType.ATOMIC),
        row("policy", "PodDisruptionBudget", "status.conditions", ListType.map("type")));
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("lists")
  void givenBuiltinKind_whenListLookedUp_thenUpstreamStrategy(String group, String kind,
      String path, ListType expected) {
    assertThat(SCHEMAS.forKind(group, kind).listType(path(path))).isEqualTo(expected);
  }

  @Test
  void givenLabelSelectors_whenLookedUp_thenAtomicMaps() {
    assertThat(SCHEMAS.forKind("apps", "Deployment").atomicMap(path("spec.selector"))).isTrue();
    assertThat(SCHEMAS.forKind("batch", "CronJob")
        .atomicMap(path("spec.jobTemplate.spec.selector"))).isTrue();
    assertThat(SCHEMAS.forKind("", "Service").atomicMap(path("spec.selector"))).isTrue();
    assertThat(SCHEMAS.forKind("", "Pod").atomicMap(path("spec.nodeSelector"))).isTrue();
    assertThat(SCHEMAS.forKind("apps", "Deployment").atomicMap(path("metadata.labels")))
        .isFalse();
  }

  @Test
  void givenEveryServedBuiltin_whenLookedUp_thenHasSchemaWithStrategicMerge() {
    for (ResourceType type : ResourceRegistry.withBuiltins().all()) {
      TypeSchema schema = SCHEMAS.forKind(type.group(), type.kind());
      assertThat(schema.supportsStrategicMerge()).as(type.groupResource()).isTrue();
      assertThat(schema.listType(path("metadata.finalizers"))).as(type.groupResource())
          .isEqualTo(ListType.SET);
    }
  }

  @Test
  void givenUnknownKind_whenLookedUp_thenNone() {
    assertThat(SCHEMAS.forKind("example.com", "Widget")).isSameAs(TypeSchema.NONE);
    assertThat(TypeSchema.NONE.supportsStrategicMerge()).isFalse();
  }

  private static List<String> path(String dotted) {
    return List.of(dotted.split("\\."));
  }

  private static Arguments row(String group, String kind, String path, ListType expected) {
    return Arguments.of(group, kind, path, expected);
  }
}
