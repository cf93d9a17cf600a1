package dev.converge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A write is skipped only when the configuration is the one applied and every value is still live. */
class AppliedDigestTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static GenericKubernetesResource configMap(String data) {
    return SERIALIZATION.unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\","
        + "\"namespace\":\"ns\"},\"data\":" + data + "}", GenericKubernetesResource.class);
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "{'a':1,'b':{'c':'x','d':2}} | {'b':{'c':'x'}}       | true",
      "{'a':1}                     | {'a':1.0}             | true",
      "{'a':[{'n':'x','v':1}]}     | {'a':[{'n':'x'}]}     | true",
      "{'a':[{'n':'x'},{'n':'y'}]} | {'a':[{'n':'x'}]}     | false",
      "{'a':{'c':'x'}}             | {'a':{'c':'y'}}       | false",
      "{'a':1}                     | {'b':1}               | false",
  })
  void givenTrees_whenContainsAsked_thenLeavesComparedByValue(String whole, String part, boolean expected) {
    assertThat(AppliedDigest.contains(json(whole), json(part))).isEqualTo(expected);
  }

  @Test
  void givenSameConfiguration_whenStampedTwice_thenSameDigestRegardlessOfKeyOrder() {
    String first = AppliedDigest.stamp(configMap("{\"x\":\"1\",\"y\":\"2\"}")).getMetadata().getAnnotations()
        .get(AppliedDigest.ANNOTATION);
    String second = AppliedDigest.stamp(configMap("{\"y\":\"2\",\"x\":\"1\"}")).getMetadata().getAnnotations()
        .get(AppliedDigest.ANNOTATION);
    assertThat(first).hasSize(32).isEqualTo(second);
  }

  @Test
  void givenLiveWithDigestAndValues_whenAsked_thenUnchangedOnlyWhileValuesStay() {
    // given
    GenericKubernetesResource stamped = AppliedDigest.stamp(configMap("{\"x\":\"1\"}"));
    GenericKubernetesResource live = SERIALIZATION.clone(stamped);
    live.getMetadata().setResourceVersion("7");

    // then
    assertThat(AppliedDigest.unchanged(live, stamped)).isTrue();
    live.setAdditionalProperty("data", java.util.Map.of("x", "drifted"));
    assertThat(AppliedDigest.unchanged(live, stamped)).isFalse();
    assertThat(AppliedDigest.unchanged(null, stamped)).isFalse();
    assertThat(AppliedDigest.unchanged(live, AppliedDigest.stamp(configMap("{\"x\":\"2\"}")))).isFalse();
  }
}
