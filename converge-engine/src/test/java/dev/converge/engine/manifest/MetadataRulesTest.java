package dev.converge.engine.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Limits the API server enforces, checked before anything is sent; boundaries in pairs. */
class MetadataRulesTest {

  static ValidationReport configMap(String metadataExtra, String data) {
    return Yaml.validate("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n" + metadataExtra
        + "data: {blob: \"" + data + "\"}\n");
  }

  @Test
  void givenLabelValueOf63Characters_thenValid_andOf64_thenRefusedNamingTheLabel() {
    assertThat(configMap("  labels: {tier: " + "v".repeat(63) + "}\n", "").valid()).isTrue();
    assertThat(configMap("  labels: {tier: " + "v".repeat(64) + "}\n", "").problems())
        .singleElement().extracting(Problem::field).isEqualTo("metadata.labels[tier]");
  }

  @Test
  void givenPrefixedLabelKeys_thenDnsPrefixValid_andUpperCasePrefixRefused() {
    assertThat(configMap("  labels: {app.kubernetes.io/name: web, empty: \"\"}\n", "").valid()).isTrue();
    assertThat(configMap("  labels: {Example.com/name: web}\n", "").problems())
        .singleElement().extracting(Problem::message).asString().contains("not a valid label key");
  }

  @Test
  void givenData_whenExactly1MiB_thenValid_andOneByteMore_thenRefused() {
    assertThat(configMap("", "y".repeat(MetadataRules.MAX_DATA_BYTES)).valid()).isTrue();
    assertThat(configMap("", "y".repeat(MetadataRules.MAX_DATA_BYTES + 1)).problems())
        .singleElement().extracting(Problem::field).isEqualTo("data");
  }

  @Test
  void givenAnnotationsOver256KiB_thenRefused() {
    assertThat(configMap("  annotations: {a: \"" + "x".repeat(MetadataRules.MAX_ANNOTATIONS_BYTES) + "\"}\n", "")
        .problems()).singleElement().extracting(Problem::field).isEqualTo("metadata.annotations");
  }

  @Test
  void givenControlCharacters_whenRead_thenRefusedAsBinaryWithTheLine() {
    Manifests read = Yaml.read("bin.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \u0001x}\n");
    assertThat(read.problems()).singleElement().satisfies(p -> {
      assertThat(p.message()).contains("binary data, control character U+0001 on line 3");
      assertThat(p.source().line()).isEqualTo(3);
    });
  }
}
