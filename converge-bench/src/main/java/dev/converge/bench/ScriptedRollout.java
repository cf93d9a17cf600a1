package dev.converge.bench;

import dev.converge.rollout.api.NodeDeployment;
import dev.converge.rollout.api.NodeTemplate;
import dev.converge.rollout.internal.Children;
import dev.converge.rollout.internal.TemplateHash;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * ScriptedRollout is the peer of the NodeDeployment operator's rollout (issue 9, scenario 6): what
 * users script without the operator, a straightforward fabric8 program that rolls the same per-node
 * StatefulSets (built by the operator's own {@link Children}, without the owner reference) one node
 * at a time, doing the operator's three steps per node: server-side apply the v2 StatefulSet and
 * wait until its controller observed it; delete the node's pod unless already on the update
 * revision; wait until the replacement pod runs, ready, on that revision. Setup (the v1 fleet,
 * ready) is not timed.
 *
 * <pre>{@code
 * double[] m = ScriptedRollout.rollout(client, "peer-1");   // {total, simulated, overhead/node}
 * }</pre>
 */
public final class ScriptedRollout {
  static final String NAME = "fleet";
  static final String REVISION_LABEL = "controller-revision-hash";

  private ScriptedRollout() {}

  /** One v1 → v2 rollout of {@link RolloutBenchmarks#NODES} nodes: as {@link RolloutBenchmarks#rollout}. */
  public static double[] rollout(KubernetesClient client, String ns) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    NodeDeployment nd = NodeDeployment.of(NAME, RolloutBenchmarks.NODES, NodeTemplate.ofImage("node:v1"));
    nd.getMetadata().setNamespace(ns);
    apply(client, Children.headlessService(nd));
    for (int i = 0; i < RolloutBenchmarks.NODES; i++) {
      apply(client, statefulSet(nd, i, "node:v1"));
    }
    for (int i = 0; i < RolloutBenchmarks.NODES; i++) {
      awaitPod(client, ns, i, null);
    }
    RolloutBenchmarks.Timeline timeline = new RolloutBenchmarks.Timeline();
    try (Watch sts = timeline.watchStatefulSets(client, ns);
        Watch pods = timeline.watchPods(client, ns)) {
      long start = System.nanoTime();
      for (int i = 0; i < RolloutBenchmarks.NODES; i++) {
        rollNode(client, nd, i);
      }
      double totalMs = (System.nanoTime() - start) / 1e6;
      double simulatedMs = timeline.simulatedMs();
      return new double[] {totalMs, simulatedMs, (totalMs - simulatedMs) / RolloutBenchmarks.NODES};
    }
  }

  private static void rollNode(KubernetesClient client, NodeDeployment nd, int node) {
    String ns = nd.getMetadata().getNamespace();
    StatefulSet applied = apply(client, statefulSet(nd, node, "node:v2"));
    long generation = applied.getMetadata().getGeneration();
    StatefulSet sts = client.apps().statefulSets().inNamespace(ns).withName(applied.getMetadata().getName())
        .waitUntilCondition(s -> s != null && s.getStatus() != null && s.getStatus().getUpdateRevision() != null
            && s.getStatus().getObservedGeneration() != null && s.getStatus().getObservedGeneration() >= generation,
            RolloutBenchmarks.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    String update = sts.getStatus().getUpdateRevision();
    Pod pod = client.pods().inNamespace(ns).withName(Children.podName(NAME, node)).get();
    if (pod != null && !update.equals(revision(pod))) {
      client.resource(pod).delete();
    }
    awaitPod(client, ns, node, update);
  }

  /** Waits until node {@code node}'s pod runs, ready, on {@code revision} (any revision if null). */
  private static void awaitPod(KubernetesClient client, String ns, int node, String revision) {
    client.pods().inNamespace(ns).withName(Children.podName(NAME, node)).waitUntilCondition(p -> p != null
        && p.getMetadata().getDeletionTimestamp() == null
        && (revision == null || revision.equals(revision(p)))
        && p.getStatus() != null && "Running".equals(p.getStatus().getPhase())
        && p.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())),
        RolloutBenchmarks.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The operator's StatefulSet for the node. */
  private static StatefulSet statefulSet(NodeDeployment nd, int node, String image) {
    NodeTemplate template = NodeTemplate.ofImage(image);
    return Children.statefulSet(nd, node, template, TemplateHash.of(template));
  }

  /** Server-side apply without the owner reference: there is no NodeDeployment to own it. */
  private static <T extends HasMetadata> T apply(KubernetesClient client, T obj) {
    obj.getMetadata().setOwnerReferences(List.of());
    return client.resource(obj).fieldManager("scripted-rollout").forceConflicts().serverSideApply();
  }

  private static String revision(Pod pod) {
    return Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.<String, String>of())
        .getOrDefault(REVISION_LABEL, "");
  }
}
