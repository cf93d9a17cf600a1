package dev.converge.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deleting a NodeDeployment tears its nodes down highest ordinal first, then lets it go. */
@ConvergeCluster(controllers = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeletionTest {

  @BeforeAll
  static void installCrd(TestCluster cluster) {
    RolloutOperator.installCrd(cluster.client());
  }

  @Test
  void givenThreeNodes_whenDeleted_thenStatefulSetsGoHighestOrdinalFirstAndFinalizerIsRemoved(
      TestCluster cluster) {
    try (RolloutOperator op = Fleet.operator(cluster, "rollout-delete")) {
      // given
      Fleet fleet = new Fleet(cluster, "chain");
      fleet.create(3, "node:v1");
      fleet.awaitReadyOn("node:v1", 3);
      assertThat(fleet.get().getMetadata().getFinalizers()).isNotEmpty();
      List<String> deleted = new CopyOnWriteArrayList<>();
      try (Watch w = watchDeletions(cluster, deleted)) {
        // when
        fleet.resource().delete();

        // then
        cluster.eventually(() -> assertThat(fleet.get()).isNull());
        cluster.eventually(() -> assertThat(deleted).containsExactly("chain-2", "chain-1",
            "chain-0"));
      }
    }
  }

  @Test
  void givenOneChildAlreadyGone_whenDeleted_thenTeardownStillFinishes(TestCluster cluster) {
    Fleet fleet = new Fleet(cluster, "chain");
    try (RolloutOperator op = Fleet.operator(cluster, "rollout-delete-gone")) {
      fleet.create(2, "node:v1");
      fleet.awaitReadyOn("node:v1", 2);
    }
    // given: with no operator running (a running one re-creates a missing node at once, which
    // made this race), one child is deleted, then the NodeDeployment (its finalizer holds it)
    cluster.client().apps().statefulSets().inNamespace(cluster.namespace()).withName("chain-1")
        .delete();
    cluster.eventually(() -> assertThat(fleet.statefulSet(1)).isNull());
    fleet.resource().delete();

    // when
    try (RolloutOperator op = Fleet.operator(cluster, "rollout-delete-gone-next")) {
      // then
      cluster.eventually(() -> assertThat(fleet.get()).isNull());
      assertThat(cluster.client().apps().statefulSets().inNamespace(cluster.namespace())
          .withLabel("converge.dev/node-deployment", "chain").list().getItems()).isEmpty();
    }
  }

  private static Watch watchDeletions(TestCluster cluster, List<String> deleted) {
    return cluster.client().apps().statefulSets().inNamespace(cluster.namespace())
        .watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, StatefulSet sts) {
            if (action == Action.DELETED) {
              deleted.add(sts.getMetadata().getName());
            }
          }

          @Override
          public void onClose(WatcherException cause) {}
        });
  }
}
