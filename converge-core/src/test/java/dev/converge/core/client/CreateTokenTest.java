package dev.converge.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;

/** Which object found after a retried create is this create's own (DESIGN.md §4). */
class CreateTokenTest {

  private static ConfigMap found(String token, String deletionTimestamp) {
    ConfigMapBuilder b = new ConfigMapBuilder().withNewMetadata().withName("app").endMetadata();
    if (token != null) {
      b.editMetadata().addToAnnotations(CreateToken.ANNOTATION, token).endMetadata();
    }
    if (deletionTimestamp != null) {
      b.editMetadata().withDeletionTimestamp(deletionTimestamp).endMetadata();
    }
    return b.build();
  }

  @Test
  void givenThisRequestsToken_whenNotTerminating_thenAdoptable() {
    assertThat(CreateToken.adoptable(found("t1", null), "t1")).isTrue();
  }

  @Test
  void givenAnotherToken_thenNotAdoptable() {
    assertThat(CreateToken.adoptable(found("t2", null), "t1")).isFalse();
  }

  @Test
  void givenNoToken_thenNotAdoptable() {
    assertThat(CreateToken.adoptable(found(null, null), "t1")).isFalse();
  }

  @Test
  void givenThisRequestsTokenButTerminating_thenNotAdoptable() {
    assertThat(CreateToken.adoptable(found("t1", "2026-01-01T00:00:00Z"), "t1")).isFalse();
  }

  @Test
  void tokensAreFreshEachTime() {
    assertThat(CreateToken.next()).isNotEqualTo(CreateToken.next());
  }
}
