package dev.converge.rollout.reliability;

import static org.awaitility.Awaitility.await;

import dev.converge.rollout.OperatorOptions;
import dev.converge.rollout.RolloutOperator;
import dev.converge.rollout.api.NodeDeployment;
import dev.converge.rollout.api.NodeDeploymentStatus;
import dev.converge.rollout.api.NodeTemplate;
import dev.converge.rollout.api.Phase;
import dev.converge.rollout.api.PlanTask;
import dev.converge.rollout.internal.Children;
import dev.converge.rollout.internal.TemplateHash;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Stops the API server (durable sandbox) in the middle of a rollout, after node 0 is on v2, and
 * starts it again on the same port and data directory while the operator keeps running: the
 * operator must reconnect and finish the same rollout, without replacing a finished node again,
 * duplicating a StatefulSet or starting a second rollout. Used by {@link SandboxRestartTest} and
 * {@link RolloutCampaign}.
 */
final class SandboxRestart {

  /**
   * @param completed all nodes on v2 and phase Ready after the restart
   * @param afterRestart from the restart until the rollout completed (or gave up)
   * @param nodesDoneBefore nodes on v2 when the API server stopped
   * @param replacedAgain of those, nodes whose pod was replaced after the restart
   * @param statefulSets StatefulSets at the end (must be {@link #NODES})
   * @param started RolloutStarted events (must be 1)
   * @param complete RolloutComplete events (must be 1)
   */
  record Result(boolean completed, Duration afterRestart, int nodesDoneBefore, int replacedAgain,
      int statefulSets, int started, int complete) {
    boolean clean() {
      return completed && replacedAgain == 0 && statefulSets == NODES && started == 1
          && complete == 1;
    }
  }

  static final int NODES = 3;
  static final String NS = "restart";
  static final String AGENT = "restart-operator";
  static final Duration SETTLE = Duration.ofSeconds(90);

  private SandboxRestart() {}

  static Result run(Path dataDir) {
    SandboxOptions options = SandboxOptions.defaults().withControllers(true).withDataDir(dataDir);
    Sandbox first = Sandbox.start(options);
    Config config = first.clientConfig();
    Sandbox second = null;
    try (KubernetesClient admin = RolloutFaultMatrix.cleanClient(config)) {
      RolloutOperator.installCrd(admin);
      admin.resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
          .create();
      try (RolloutOperator op = RolloutOperator.start(config, OperatorOptions.defaults()
          .withNamespaces(Set.of(NS)).withUserAgent(AGENT).withReconcileThreads(2))) {
        NodeDeployment nd = NodeDeployment.of("chain", NODES, NodeTemplate.ofImage("node:v1"));
        nd.getMetadata().setNamespace(NS);
        admin.resource(nd).create();
        await().atMost(SETTLE).ignoreExceptions().until(() -> readyOn(admin, "node:v1"));
        admin.resources(NodeDeployment.class).inNamespace(NS).withName("chain").edit(x -> {
          x.setSpec(x.getSpec().withTemplate(x.getSpec().template().withImage("node:v2")));
          return x;
        });
        // when: node 0 finished, the API server goes down mid-rollout
        await().atMost(SETTLE).ignoreExceptions().until(() -> taskDone(admin,
            "node-0/observe-image"));
        Map<Integer, String> doneUids = new HashMap<>();
        for (int i = 0; i < NODES; i++) {
          if (taskDone(admin, "node-" + i + "/observe-image")) {
            doneUids.put(i, pod(admin, i).getMetadata().getUid());
          }
        }
        first.close();
        long restartedAt = System.nanoTime();
        second = Sandbox.start(options.withPort(first.port()));

        // then
        boolean completed;
        try {
          await().atMost(SETTLE).ignoreExceptions().until(() -> readyOn(admin, "node:v2"));
          await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
              .until(() -> events(admin, "RolloutComplete") > 0);
          completed = true;
        } catch (ConditionTimeoutException e) {
          completed = false;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - restartedAt);
        int replacedAgain = (int) doneUids.entrySet().stream()
            .filter(e -> !e.getValue().equals(pod(admin, e.getKey()).getMetadata().getUid()))
            .count();
        int sts = admin.apps().statefulSets().inNamespace(NS).list().getItems().size();
        return new Result(completed, took, doneUids.size(), replacedAgain, sts,
            events(admin, "RolloutStarted"), events(admin, "RolloutComplete"));
      }
    } finally {
      if (second != null) {
        second.close();
      } else {
        first.close();
      }
    }
  }

  private static boolean readyOn(KubernetesClient admin, String image) {
    NodeDeploymentStatus s = status(admin);
    if (s == null || s.phase() != Phase.Ready || s.rollout() != null || s.readyReplicas() != NODES
        || !TemplateHash.of(NodeTemplate.ofImage(image)).equals(s.currentHash())) {
      return false;
    }
    for (int i = 0; i < NODES; i++) {
      Pod p = pod(admin, i);
      if (p == null || !image.equals(p.getSpec().getContainers().get(0).getImage())) {
        return false;
      }
    }
    return true;
  }

  private static boolean taskDone(KubernetesClient admin, String id) {
    NodeDeploymentStatus s = status(admin);
    return s != null && s.plan() != null && s.plan().tasks().stream()
        .anyMatch(t -> t.id().equals(id) && t.state() == PlanTask.State.Done);
  }

  private static @Nullable NodeDeploymentStatus status(KubernetesClient admin) {
    NodeDeployment nd = admin.resources(NodeDeployment.class).inNamespace(NS).withName("chain")
        .get();
    return nd == null ? null : nd.getStatus();
  }

  private static @Nullable Pod pod(KubernetesClient admin, int node) {
    return admin.pods().inNamespace(NS).withName(Children.podName("chain", node)).get();
  }

  private static int events(KubernetesClient admin, String reason) {
    return (int) admin.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason())).count();
  }
}
