package dev.converge.core.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;

/** The wait-until-gone follows the UID: a recreated object is not the one being deleted. */
class DeletionTest {

  private static ConfigMap withUid(String uid) {
    return new ConfigMapBuilder().withNewMetadata().withName("app").withUid(uid).endMetadata().build();
  }

  @Test
  void givenNoObject_thenGone() {
    assertThat(Deletion.isGone(null, "uid-1")).isTrue();
  }

  @Test
  void givenTheSameUid_thenNotGone() {
    assertThat(Deletion.isGone(withUid("uid-1"), "uid-1")).isFalse();
  }

  @Test
  void givenARecreatedObjectWithAnotherUid_thenGone() {
    assertThat(Deletion.isGone(withUid("uid-2"), "uid-1")).isTrue();
  }
}
