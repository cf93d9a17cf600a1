package dev.converge.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.rollout.api.NodeDeployment;
import dev.converge.rollout.api.NodeDeploymentStatus;
import dev.converge.rollout.api.NodeTemplate;
import dev.converge.rollout.api.Phase;
import dev.converge.rollout.internal.Children;
import dev.converge.rollout.internal.TemplateHash;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Fleet is the test-side handle of one NodeDeployment in a test's namespace plus the operator(s)
 * driving it: create, change the image, read status, assert what every node runs.
 */
final class Fleet {
  static final Duration ROLLOUT_TIMEOUT = Duration.ofSeconds(40);

  private final TestCluster cluster;
  final String name;

  Fleet(TestCluster cluster, String name) {
    this.cluster = cluster;
    this.name = name;
  }

  /** An operator watching only this test's namespace, with a User-Agent fault rules can match. */
  static RolloutOperator operator(TestCluster cluster, String agent) {
    return RolloutOperator.start(cluster.config(), options(cluster, agent));
  }

  static OperatorOptions options(TestCluster cluster, String agent) {
    return OperatorOptions.defaults().withNamespaces(Set.of(cluster.namespace()))
        .withUserAgent(agent).withReconcileThreads(2);
  }

  Resource<NodeDeployment> resource() {
    return cluster.client().resources(NodeDeployment.class).inNamespace(cluster.namespace())
        .withName(name);
  }

  NodeDeployment create(int replicas, String image, UnaryOperator<NodeDeployment> tweak) {
    NodeDeployment nd = tweak.apply(NodeDeployment.of(name, replicas, NodeTemplate.ofImage(image)));
    nd.getMetadata().setNamespace(cluster.namespace());
    return cluster.client().resource(nd).create();
  }

  NodeDeployment create(int replicas, String image) {
    return create(replicas, image, nd -> nd);
  }

  NodeDeployment get() {
    return resource().get();
  }

  NodeDeploymentStatus status() {
    NodeDeployment nd = get();
    assertThat(nd.getStatus()).as("status of %s", name).isNotNull();
    return nd.getStatus();
  }

  /** Changes the image. */
  void setImage(String image) {
    edit(nd -> {
      nd.setSpec(nd.getSpec().withTemplate(nd.getSpec().template().withImage(image)));
      return nd;
    });
  }

  /**
   * Edits the NodeDeployment as a user would: read, change, write with its resourceVersion, and
   * on Conflict (the operator wrote status meanwhile) read again, a bounded number of times.
   */
  void edit(UnaryOperator<NodeDeployment> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        resource().edit(change);
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == MAX_EDIT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** The operator writes status a few times per node; ten re-reads outlast that. */
  static final int MAX_EDIT_ATTEMPTS = 10;

  /** Pauses the sandbox's StatefulSet controller for this fleet's nodes only (parallel-safe). */
  void pauseNodes(int replicas) {
    for (int i = 0; i < replicas; i++) {
      cluster.controllers().pause("statefulsets", cluster.namespace(),
          Children.statefulSetName(name, i));
    }
  }

  void resumeNodes(int replicas) {
    for (int i = 0; i < replicas; i++) {
      cluster.controllers().resume("statefulsets", cluster.namespace(),
          Children.statefulSetName(name, i));
    }
  }

  io.fabric8.kubernetes.api.model.apps.StatefulSet statefulSet(int node) {
    return cluster.client().apps().statefulSets().inNamespace(cluster.namespace())
        .withName(Children.statefulSetName(name, node)).get();
  }

  /** The state of plan task {@code id} (e.g. {@code node-0/apply-statefulset}), or null. */
  dev.converge.rollout.api.PlanTask task(String id) {
    NodeDeploymentStatus s = status();
    if (s.plan() == null) {
      return null;
    }
    return s.plan().tasks().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
  }

  boolean taskDone(String id) {
    dev.converge.rollout.api.PlanTask t = task(id);
    return t != null && t.state() == dev.converge.rollout.api.PlanTask.State.Done;
  }

  static String hash(String image) {
    return TemplateHash.of(NodeTemplate.ofImage(image));
  }

  Pod pod(int node) {
    return cluster.client().pods().inNamespace(cluster.namespace())
        .withName(Children.podName(name, node)).get();
  }

  String podImage(int node) {
    Pod p = pod(node);
    assertThat(p).as("pod of node %d", node).isNotNull();
    return p.getSpec().getContainers().get(0).getImage();
  }

  /** Waits until the fleet is Ready on {@code image}: every pod on it, no rollout. */
  void awaitReadyOn(String image, int replicas) {
    cluster.eventually(ROLLOUT_TIMEOUT, () -> {
      NodeDeploymentStatus s = status();
      assertThat(s.phase()).isEqualTo(Phase.Ready);
      assertThat(s.rollout()).isNull();
      assertThat(s.currentHash()).isEqualTo(hash(image));
      assertThat(s.readyReplicas()).isEqualTo(replicas);
      for (int i = 0; i < replicas; i++) {
        assertThat(podImage(i)).as("node %d", i).isEqualTo(image);
      }
    });
  }
}
