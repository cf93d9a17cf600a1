package dev.converge.rollout.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.rollout.api.NodeTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateHashTest {

  @Test
  void givenSameEnvInAnotherOrder_whenHashed_thenEqual() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("A", "1");
    ab.put("B", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("B", "2");
    ba.put("A", "1");

    assertThat(TemplateHash.of(new NodeTemplate("n:v1", null, ab, null, null)))
        .isEqualTo(TemplateHash.of(new NodeTemplate("n:v1", null, ba, null, null)));
  }

  @Test
  void givenCanonicalJson_thenKeysSortedAndEmptyValuesLeftOut() {
    String json = TemplateHash.canonicalJson(new NodeTemplate("n:v1", "side:v1",
        Map.of("Z", "1", "A", "2"), List.of(), null));

    assertThat(json).isEqualTo("{\"env\":{\"A\":\"2\",\"Z\":\"1\"},\"image\":\"n:v1\","
        + "\"sidecarImage\":\"side:v1\"}");
  }

  @Test
  void givenFieldsThatWouldConcatenateAlike_whenHashed_thenDifferent() {
    // "ab" + "c" and "a" + "bc" collide under naive concatenation, never in canonical JSON
    assertThat(TemplateHash.of(new NodeTemplate("ab", "c", null, null, null)))
        .isNotEqualTo(TemplateHash.of(new NodeTemplate("a", "bc", null, null, null)));
  }

  @Test
  void givenTemplate_whenHashed_thenSha256Hex() {
    assertThat(TemplateHash.of(NodeTemplate.ofImage("n:v1"))).hasSize(64).matches("[0-9a-f]+");
    assertThat(TemplateHash.shortForm(TemplateHash.of(NodeTemplate.ofImage("n:v1")))).hasSize(12);
  }
}
