package dev.converge.sandbox.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.sandbox.api.Json;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldsV1Test {

  /** fieldsV1 documents as a real API server writes them (compact, in its key order). */
  static Stream<Arguments> realSamples() {
    return Stream.of(
        Arguments.of("kubectl create configmap (Update)",
            "{\"f:data\":{\".\":{},\"f:a\":{},\"f:b\":{}}}"),
        Arguments.of("kubectl apply --server-side of a Deployment",
            "{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}},\"f:spec\":{\"f:replicas\":{},"
                + "\"f:selector\":{},\"f:template\":{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}},"
                + "\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"nginx\\\"}\":{\".\":{},"
                + "\"f:image\":{},\"f:name\":{},\"f:ports\":{\"k:{\\\"containerPort\\\":80,"
                + "\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:containerPort\":{}}}}}}}}}"),
        Arguments.of("a controller adding a finalizer (Update)",
            "{\"f:metadata\":{\"f:finalizers\":{\".\":{},\"v:\\\"example.com/cleanup\\\"\":{}}}}"),
        Arguments.of("kube-controller-manager status update (Update, subresource status)",
            "{\"f:status\":{\"f:conditions\":{\".\":{},\"k:{\\\"type\\\":\\\"Available\\\"}\":"
                + "{\".\":{},\"f:lastTransitionTime\":{},\"f:status\":{},\"f:type\":{}}},"
                + "\"f:replicas\":{}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realSamples")
  void givenRealFieldsV1_whenDecodedAndEncoded_thenSameBytes(String name, String json)
      throws Exception {
    // given
    FieldSet set = FieldsV1.decode(Json.MAPPER.readTree(json));

    // when
    String encoded = Json.text(FieldsV1.encode(set));

    // then
    assertThat(encoded).isEqualTo(json);
  }

  @Nested
  class Decoding {
    @Test
    void givenDeploymentApply_whenDecoded_thenContainsLeavesAndItems() throws Exception {
      // given
      String json = (String) realSamples().toList().get(1).get()[1];

      // when
      FieldSet set = FieldsV1.decode(Json.MAPPER.readTree(json));

      // then
      FieldPath container = FieldPath.of("f:spec", "f:template", "f:spec", "f:containers",
          "k:{\"name\":\"nginx\"}");
      assertThat(set.contains(FieldPath.fields("spec", "replicas"))).isTrue();
      assertThat(set.contains(container)).isTrue();
      assertThat(set.contains(FieldPath.fields("spec"))).isFalse();
      assertThat(set.contains(FieldPath.fields("spec", "template"))).isFalse();
      assertThat(set.paths()).hasSize(9);
    }

    @Test
    void givenPaths_whenRendered_thenAsTheServerPrintsThem() {
      assertThat(FieldPath.fields("spec", "replicas")).hasToString(".spec.replicas");
      assertThat(FieldPath.of("f:spec", "f:containers", "k:{\"name\":\"c\"}", "f:ports",
          "k:{\"containerPort\":80,\"protocol\":\"TCP\"}", "f:containerPort"))
          .hasToString(".spec.containers[name=\"c\"].ports[containerPort=80,protocol=\"TCP\"]"
              + ".containerPort");
      assertThat(FieldPath.of("f:metadata", "f:finalizers", "v:\"x\""))
          .hasToString(".metadata.finalizers[=\"x\"]");
    }
  }

  @Nested
  class Encoding {
    @Test
    void givenInsertedOutOfOrder_whenEncoded_thenSelfFirstThenFieldsKeysValues() {
      // given
      FieldSet set = FieldSet.of(
          FieldPath.of("f:spec", "f:list", "v:\"b\""),
          FieldPath.of("f:spec", "f:list", "v:\"a\""),
          FieldPath.of("f:spec", "f:list"),
          FieldPath.of("f:spec", "f:items", "k:{\"name\":\"x\"}", "f:name"),
          FieldPath.of("f:spec", "f:items", "k:{\"name\":\"x\"}"),
          FieldPath.of("f:data", "f:z"),
          FieldPath.of("f:data", "f:a"));

      // when
      String json = Json.text(FieldsV1.encode(set));

      // then
      assertThat(json).isEqualTo("{\"f:data\":{\"f:a\":{},\"f:z\":{}},\"f:spec\":{\"f:items\":"
          + "{\"k:{\\\"name\\\":\\\"x\\\"}\":{\".\":{},\"f:name\":{}}},\"f:list\":{\".\":{},"
          + "\"v:\\\"a\\\"\":{},\"v:\\\"b\\\"\":{}}}}");
    }

    @Test
    void givenEmptySet_whenEncoded_thenEmptyObject() {
      assertThat(Json.text(FieldsV1.encode(FieldSet.empty()))).isEqualTo("{}");
    }
  }
}
