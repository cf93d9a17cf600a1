package dev.converge.sandbox.controllers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Template hashes are stable, order-insensitive, word-free and change with the template. */
class TemplateHashTest {
  @Test
  void givenEqualTemplatesWithKeysInOtherOrders_whenHashed_thenEqual() {
    // given
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");

    // when / then
    assertThat(TemplateHash.of(template(ab, "nginx:1"), 0))
        .isEqualTo(TemplateHash.of(template(ba, "nginx:1"), 0))
        .matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}");
  }

  @Test
  void givenChangedImageOrCollisionCount_whenHashed_thenDifferent() {
    String base = TemplateHash.of(template(Map.of("app", "web"), "nginx:1"), 0);
    assertThat(TemplateHash.of(template(Map.of("app", "web"), "nginx:2"), 0)).isNotEqualTo(base);
    assertThat(TemplateHash.of(template(Map.of("app", "web"), "nginx:1"), 1)).isNotEqualTo(base);
  }

  private static PodTemplateSpec template(Map<String, String> labels, String image) {
    return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage(image).endContainer().endSpec()
        .build();
  }
}
