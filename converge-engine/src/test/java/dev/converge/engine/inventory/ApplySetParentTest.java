package dev.converge.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.manifest.ManifestObject;
import dev.converge.engine.manifest.Yaml;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ApplySet rules of KEP-3659 that kubectl checks byte for byte. */
class ApplySetParentTest {

  @Test
  void givenKubectlsTestVector_whenIdComputed_thenMatchesKubectl() {
    // kubectl's applyset_test.go: parent Foo.foo.bar test-ns/test-foo
    assertThat(ApplySetId.of("foo.bar", "Foo", "test-ns", "test-foo"))
        .isEqualTo("applyset-f9Rk5tKHoB72oV1tU2iFKxDwL8MBZTjMHFQ8V9WNNlA-v1");
  }

  @Test
  void givenSecretParent_whenIdComputed_thenCoreGroupIsEmptyAndIdIsALabelValue() {
    String id = ApplySetParent.secret("prod", "web").id();

    assertThat(id).isEqualTo(ApplySetId.of("", "Secret", "prod", "web"))
        .startsWith("applyset-").endsWith("-v1").hasSizeLessThanOrEqualTo(63)
        .matches("[A-Za-z0-9_.-]+");
    assertThat(ApplySetParent.secret("prod", "api").id()).isNotEqualTo(id);
  }

  @Test
  void givenDesiredSet_whenParentBuilt_thenAnnotationsAreSortedGroupKindsAndOtherNamespaces() {
    ApplySetParent parent = ApplySetParent.secret("prod", "web");
    List<ManifestObject> desired = Yaml.read("set.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: prod}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a, namespace: prod}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b, namespace: edge}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: view-web}
        """).objects();

    Secret secret = parent.toSecret(parent.contentsOf(desired));

    assertThat(secret.getMetadata().getLabels()).containsExactly(Map.entry(ApplySetKeys.ID_LABEL, parent.id()));
    assertThat(secret.getMetadata().getAnnotations()).containsOnly(
        Map.entry("applyset.kubernetes.io/tooling", "converge/v0.1.0"),
        Map.entry("applyset.kubernetes.io/contains-group-kinds",
            "ClusterRole.rbac.authorization.k8s.io,ConfigMap,Deployment.apps"),
        Map.entry("applyset.kubernetes.io/additional-namespaces", "edge"));
  }

  @Test
  void givenOnlyParentNamespace_whenAnnotated_thenNoAdditionalNamespacesAnnotation() {
    ApplySetContents contents = ApplySetContents.parse(Map.of(
        ApplySetKeys.CONTAINS_GROUP_KINDS_ANNOTATION, "Deployment.apps, ConfigMap,"));

    assertThat(contents.groupKinds()).containsExactly(new GroupKind("", "ConfigMap"), new GroupKind("apps", "Deployment"));
    assertThat(contents.annotations("t")).doesNotContainKey(ApplySetKeys.ADDITIONAL_NAMESPACES_ANNOTATION);
  }

  @Test
  void givenTwoContents_whenUnited_thenBothKindsAndNamespacesListed() {
    ApplySetContents old = ApplySetContents.parse(Map.of(
        ApplySetKeys.CONTAINS_GROUP_KINDS_ANNOTATION, "Service",
        ApplySetKeys.ADDITIONAL_NAMESPACES_ANNOTATION, "a"));
    ApplySetContents now = ApplySetContents.parse(Map.of(
        ApplySetKeys.CONTAINS_GROUP_KINDS_ANNOTATION, "ConfigMap",
        ApplySetKeys.ADDITIONAL_NAMESPACES_ANNOTATION, "b"));

    assertThat(old.union(now).annotations("t")).containsEntry(ApplySetKeys.CONTAINS_GROUP_KINDS_ANNOTATION, "ConfigMap,Service")
        .containsEntry(ApplySetKeys.ADDITIONAL_NAMESPACES_ANNOTATION, "a,b");
  }

  @Test
  void givenGroupKindText_whenParsed_thenKindEndsAtFirstDot() {
    assertThat(GroupKind.parse("Ingress.networking.k8s.io")).isEqualTo(new GroupKind("networking.k8s.io", "Ingress"));
    assertThat(GroupKind.parse("Pod")).hasToString("Pod");
  }

  @Test
  void givenDesiredObjects_whenStamped_thenCopiesCarryPartOfAndOriginalsAreUntouched() {
    ApplySetParent parent = ApplySetParent.secret("prod", "web");
    List<ManifestObject> desired = Yaml.read("set.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a, namespace: prod, labels: {app: web}}
        """).objects();

    List<ManifestObject> stamped = parent.stamp(desired);

    assertThat(stamped.get(0).resource().getMetadata().getLabels())
        .containsEntry("app", "web").containsEntry(ApplySetKeys.PART_OF_LABEL, parent.id());
    assertThat(parent.isMember(stamped.get(0).resource().getMetadata().getLabels())).isTrue();
    assertThat(desired.get(0).resource().getMetadata().getLabels()).doesNotContainKey(ApplySetKeys.PART_OF_LABEL);
    assertThat(stamped.get(0).source()).isEqualTo(desired.get(0).source());
  }
}
