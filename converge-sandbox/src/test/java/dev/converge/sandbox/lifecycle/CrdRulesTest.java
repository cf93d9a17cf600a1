package dev.converge.sandbox.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException.Cause;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrdRulesTest {
  private static final String VALID = """
      metadata: {name: foos.example.com}
      spec:
        group: example.com
        scope: Namespaced
        names: {plural: foos, singular: foo, kind: Foo, listKind: FooList}
        versions:
        - {name: v1alpha1, served: true, storage: false, schema: {openAPIV3Schema: {type: object}}}
        - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}},
           subresources: {status: {}, scale: {}}}
        - {name: v2beta1, served: false, storage: false, schema: {openAPIV3Schema: {type: object}}}
      """;

  @Nested
  class Validation {
    @Test
    void givenValidCrd_thenNoCauses() {
      assertThat(CrdAdmission.causes(crd(VALID), null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "name is not plural.group | foos.example.com | bars.example.com | metadata.name",
        "group without a dot | group: example.com | group: example | spec.group",
        "unknown scope | scope: Namespaced | scope: Global | spec.scope",
        "upper-case plural | plural: foos | plural: Foos | spec.names.plural",
        "no storage version | storage: true | storage: false | spec.versions",
        "schema missing | '{openAPIV3Schema: {type: object}},\n' | '{},\n' | "
            + "spec.versions[1].schema.openAPIV3Schema"})
    void givenBrokenField_thenCauseNamesIt(String name, String from, String to, String field) {
      ObjectNode broken = crd(VALID.replace(from, to));
      assertThat(CrdAdmission.causes(broken, null)).extracting(Cause::field).contains(field);
    }

    @Test
    void givenScopeChanged_whenUpdated_thenImmutable() {
      ObjectNode next = crd(VALID.replace("scope: Namespaced", "scope: Cluster"));
      assertThat(CrdAdmission.causes(next, crd(VALID))).singleElement()
          .satisfies(c -> assertThat(c.message()).endsWith("field is immutable"));
    }

    @Test
    void givenNoSingularOrListKind_whenDefaulted_thenDerivedFromKind() {
      ObjectNode crd = crd(VALID.replace("singular: foo, ", "").replace(", listKind: FooList", ""));
      ResourceType crdType = new ResourceType("apiextensions.k8s.io", "v1",
          "CustomResourceDefinition", "customresourcedefinitions", false, List.of(), List.of(),
          true, false);
      new CrdAdmission().defaults(crdType, crd);
      assertThat(crd.at("/spec/names/singular").asText()).isEqualTo("foo");
      assertThat(crd.at("/spec/names/listKind").asText()).isEqualTo("FooList");
      assertThat(crd.at("/spec/conversion/strategy").asText()).isEqualTo("None");
    }
  }

  @Nested
  class ServedTypes {
    @Test
    void givenVersions_thenOnlyServedOnesMostPreferredFirst() {
      List<ResourceType> types = CrdSpec.of(crd(VALID)).servedTypes();
      assertThat(types).extracting(ResourceType::version).containsExactly("v1", "v1alpha1");
      assertThat(types.get(0).statusSubresource()).isTrue();
      assertThat(types.get(0).scaleSubresource()).isTrue();
      assertThat(types.get(1).statusSubresource()).isFalse();
      assertThat(types.get(0).namespaced()).isTrue();
    }

    @Test
    void givenKubeVersions_whenSorted_thenByKubernetesPriority() {
      List<String> versions = new ArrayList<>(
          List.of("v1alpha1", "foo", "v1", "v11alpha2", "v2", "v1beta1", "v10beta3", "v12alpha1"));
      versions.sort(CrdSpec::compareVersions);
      assertThat(versions).containsExactly("v2", "v1", "v10beta3", "v1beta1", "v12alpha1",
          "v11alpha2", "v1alpha1", "foo");
    }
  }

  private static ObjectNode crd(String yaml) {
    try {
      return (ObjectNode) Json.parse(yaml.getBytes(StandardCharsets.UTF_8), true);
    } catch (IOException e) {
      throw new IllegalArgumentException(yaml, e);
    }
  }
}
