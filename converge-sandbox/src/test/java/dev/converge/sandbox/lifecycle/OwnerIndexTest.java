package dev.converge.sandbox.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OwnerIndexTest {
  private final OwnerIndex index = new OwnerIndex();
  private final ObjectKey rs = new ObjectKey("replicasets.apps", "ns", "web-1");
  private final ObjectKey pod = new ObjectKey("pods", "ns", "web-1-a");

  @Test
  void givenDependent_whenPut_thenOwnerKnowsIt() {
    assertThat(index.put(pod, "pod-uid", List.of("rs-uid"))).containsExactly("rs-uid");

    assertThat(index.dependentsOf("rs-uid")).containsExactly(pod);
    assertThat(index.locate("pod-uid")).isEqualTo(pod);
  }

  @Test
  void givenOwnerChanged_whenPut_thenBothOwnersAreReportedChanged() {
    index.put(pod, "pod-uid", List.of("rs-uid"));

    assertThat(index.put(pod, "pod-uid", List.of("other-uid")))
        .containsExactlyInAnyOrder("rs-uid", "other-uid");
    assertThat(index.dependentsOf("rs-uid")).isEmpty();
    assertThat(index.dependentsOf("other-uid")).containsExactly(pod);
  }

  @Test
  void givenUnchangedOwners_whenPut_thenNothingChanged() {
    index.put(pod, "pod-uid", List.of("rs-uid"));

    assertThat(index.put(pod, "pod-uid", List.of("rs-uid"))).isEmpty();
  }

  @Test
  void givenDependent_whenRemoved_thenOwnerLosesItAndUidIsGone() {
    index.put(rs, "rs-uid", List.of());
    index.put(pod, "pod-uid", List.of("rs-uid"));

    assertThat(index.remove(pod, "pod-uid")).containsExactly("rs-uid");
    assertThat(index.dependentsOf("rs-uid")).isEmpty();
    assertThat(index.locate("pod-uid")).isNull();
    assertThat(index.locate("rs-uid")).isEqualTo(rs);
  }

  @Test
  void givenNameReusedByNewObject_whenOldOneRemoved_thenNewOneStaysLocated() {
    index.put(pod, "new-uid", List.of());

    index.remove(pod, "old-uid");

    assertThat(index.locate("new-uid")).isEqualTo(pod);
  }
}
