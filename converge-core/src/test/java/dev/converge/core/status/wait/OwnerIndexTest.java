package dev.converge.core.status.wait;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The owner index answers "children of these owners" as a scan of every object would. */
class OwnerIndexTest {
  private final OwnerIndex index = new OwnerIndex();
  private final Map<String, JsonNode> objects = new ConcurrentHashMap<>();

  private void put(String name, String... owners) {
    StringBuilder refs = new StringBuilder();
    for (String o : owners) {
      refs.append(refs.length() == 0 ? "" : ", ").append("{kind: ReplicaSet, name: x, uid: ").append(o).append("}");
    }
    JsonNode obj = FakeWatchSource.yaml(
        "metadata: {name: " + name + ", ownerReferences: [" + refs + "]}");
    index.update(name, objects.put(name, obj), obj);
  }

  private void delete(String name) {
    index.update(name, objects.remove(name), null);
  }

  private Set<String> names(String... owners) {
    Set<String> out = new TreeSet<>();
    index.ownedBy(Set.of(owners), objects).forEach(o -> out.add(o.path("metadata").path("name").asText()));
    return out;
  }

  @Test
  void givenPodsOfTwoOwners_whenAskingForOne_thenOnlyItsChildren() {
    put("a1", "rs-a");
    put("a2", "rs-a");
    put("b1", "rs-b");
    put("orphan");

    assertThat(names("rs-a")).containsExactly("a1", "a2");
    assertThat(names("rs-a", "rs-b")).containsExactly("a1", "a2", "b1");
    assertThat(names("rs-c")).isEmpty();
  }

  @Test
  void givenChildAdopted_whenOwnerChanges_thenItMovesToTheNewOwner() {
    put("p", "rs-a");
    put("p", "rs-b");

    assertThat(names("rs-a")).isEmpty();
    assertThat(names("rs-b")).containsExactly("p");
  }

  @Test
  void givenChildWithTwoOwners_whenAskingForBoth_thenListedOnce() {
    put("p", "rs-a", "rs-b");

    assertThat(index.ownedBy(Set.of("rs-a", "rs-b"), objects)).hasSize(1);
  }

  @Test
  void givenChildren_whenDeleted_thenOwnerLeavesTheIndex() {
    put("p1", "rs-a");
    put("p2", "rs-a");
    delete("p1");
    assertThat(names("rs-a")).containsExactly("p2");

    delete("p2");
    assertThat(names("rs-a")).isEmpty();
    assertThat(index.owners()).isZero();
  }

  @Test
  void givenSameObjects_whenComparedWithAScan_thenSameAnswer() {
    for (int i = 0; i < 50; i++) {
      put("p" + i, "rs-" + (i % 7));
    }
    FakeWatchSource scan = new FakeWatchSource();
    for (int i = 0; i < 50; i++) {
      scan.put("apiVersion: v1\nkind: Pod\nmetadata: {name: p" + i + ", namespace: ns,"
          + " ownerReferences: [{kind: ReplicaSet, name: x, uid: rs-" + (i % 7) + "}]}");
    }
    Set<String> expected = new TreeSet<>();
    scan.listOwnedBy(ResourceType.PODS, "ns", Set.of("rs-2", "rs-5"))
        .forEach(o -> expected.add(o.path("metadata").path("name").asText()));

    assertThat(names("rs-2", "rs-5")).isEqualTo(expected).hasSize(14);
  }
}
