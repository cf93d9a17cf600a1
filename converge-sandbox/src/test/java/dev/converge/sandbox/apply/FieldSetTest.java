package dev.converge.sandbox.apply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldSetTest {
  private static final FieldPath A = FieldPath.fields("data", "a");
  private static final FieldPath B = FieldPath.fields("data", "b");
  private static final FieldPath ITEM = FieldPath.of("f:spec", "f:c", "k:{\"name\":\"x\"}");
  private static final FieldPath ITEM_IMAGE =
      FieldPath.of("f:spec", "f:c", "k:{\"name\":\"x\"}", "f:image");

  @Test
  void givenTwoSets_whenUnion_thenAllPaths() {
    assertThat(FieldSet.of(A).union(FieldSet.of(B, ITEM)).paths())
        .containsExactly(A, B, ITEM);
  }

  @Test
  void givenParentMember_whenDifference_thenChildrenStay() {
    // given
    FieldSet set = FieldSet.of(ITEM, ITEM_IMAGE, A);

    // when
    FieldSet diff = set.difference(FieldSet.of(ITEM, A));

    // then: difference removes exact members only, as structured-merge-diff does
    assertThat(diff.paths()).containsExactly(ITEM_IMAGE);
    assertThat(diff.contains(ITEM)).isFalse();
  }

  @Test
  void givenOverlap_whenIntersection_thenSharedPathsOnly() {
    assertThat(FieldSet.of(A, ITEM, ITEM_IMAGE).intersection(FieldSet.of(ITEM_IMAGE, B)).paths())
        .containsExactly(ITEM_IMAGE);
  }

  @Test
  void givenEverythingRemoved_whenDifference_thenEmptyAndEqualToEmpty() {
    FieldSet diff = FieldSet.of(A, B).difference(FieldSet.of(A, B));
    assertThat(diff.isEmpty()).isTrue();
    assertThat(diff).isEqualTo(FieldSet.empty());
  }

  @Test
  void operandsAreNotChanged() {
    FieldSet a = FieldSet.of(A);
    FieldSet b = FieldSet.of(B);
    a.union(b).insert(ITEM);
    assertThat(a.paths()).containsExactly(A);
    assertThat(b.paths()).containsExactly(B);
  }
}
