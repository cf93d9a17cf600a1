package dev.converge.bench;

import dev.converge.rollout.OperatorOptions;
import dev.converge.rollout.RolloutOperator;
import dev.converge.rollout.api.NodeDeployment;
import dev.converge.rollout.api.NodeDeploymentStatus;
import dev.converge.rollout.api.NodeTemplate;
import dev.converge.rollout.api.Phase;
import dev.converge.rollout.internal.TemplateHash;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * RolloutBenchmarks measures the NodeDeployment operator on the sandbox (pods ready instantly):
 * a 50-node in-place rollout, where the controller's overhead per node is the total time minus
 * the time the simulated controllers spent (StatefulSet spec observed after the operator's apply;
 * old pod deleted until its replacement is ready), divided by the nodes; and the heap the
 * operator retains while it owns 100 NodeDeployments. Writes the "rollout" section of
 * docs/BENCHMARKS.md. Args: [rounds] [file] (defaults 3 and docs/BENCHMARKS.md).
 */
public final class RolloutBenchmarks {
  public static final int NODES = 50;
  public static final int FLEETS = 100;
  static final int NODES_PER_FLEET = 2;
  public static final double MAX_OVERHEAD_MS_PER_NODE = 20;
  public static final double MAX_HEAP_MB = 256;
  static final Duration TIMEOUT = Duration.ofMinutes(5);
  /** Rounds run first and thrown away: the JIT and the connection pools warm up in two. */
  static final int WARMUP_ROUNDS = 2;

  private RolloutBenchmarks() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path out = Path.of(args.length > 1 ? args[1] : "docs/BENCHMARKS.md");
    List<double[]> rollouts = new ArrayList<>();
    double heapMb;
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(true));
        KubernetesClient client = new KubernetesClientBuilder()
            .withConfig(sandbox.clientConfig()).build()) {
      sandbox.controllers().podStartDelay(Duration.ZERO);
      RolloutOperator.installCrd(client);
      for (int r = 0; r < rounds + WARMUP_ROUNDS; r++) {
        double[] m = rollout(sandbox, client, "bench-" + r);
        if (r >= WARMUP_ROUNDS) {
          rollouts.add(m);
        }
        System.err.printf("rollout round %d: total %.0f ms, simulated %.0f ms, overhead %.1f ms/node%n",
            r, m[0], m[1], m[2]);
      }
      heapMb = heap(sandbox, client);
      System.err.printf("operator heap with %d NodeDeployments: %.1f MB%n", FLEETS, heapMb);
    }
    String report = render(rollouts, heapMb, rounds);
    System.out.println(report);
    BenchmarkReport.writeSection(out, "rollout", report);
    // JOSDK 5.3's scheduled executor (a non-daemon pool) outlives Operator.stop(); the CLI exits
    // the same way.
    System.exit(0);
  }

  /** One v1 → v2 rollout of {@link #NODES} nodes: {total ms, simulated ms, overhead ms/node}. */
  public static double[] rollout(Sandbox sandbox, KubernetesClient client, String ns) throws Exception {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
        .endMetadata().build()).create();
    OperatorOptions options = OperatorOptions.defaults().withNamespaces(Set.of(ns));
    try (RolloutOperator op = RolloutOperator.start(sandbox.clientConfig(), options)) {
      NodeDeployment nd = NodeDeployment.of("fleet", NODES, NodeTemplate.ofImage("node:v1"));
      nd.getMetadata().setNamespace(ns);
      client.resource(nd).create();
      await(client, ns, "fleet", "node:v1");
      Timeline timeline = new Timeline();
      try (Watch sts = timeline.watchStatefulSets(client, ns);
          Watch pods = timeline.watchPods(client, ns)) {
        long start = System.nanoTime();
        client.resources(NodeDeployment.class).inNamespace(ns).withName("fleet").edit(n -> {
          n.setSpec(n.getSpec().withTemplate(n.getSpec().template().withImage("node:v2")));
          return n;
        });
        await(client, ns, "fleet", "node:v2");
        double totalMs = (System.nanoTime() - start) / 1e6;
        double simulatedMs = timeline.simulatedMs();
        return new double[] {totalMs, simulatedMs, (totalMs - simulatedMs) / NODES};
      }
    } finally {
      client.namespaces().withName(ns).delete();
    }
  }

  /** Heap the operator retains with {@link #FLEETS} Ready NodeDeployments, in MB. */
  static double heap(Sandbox sandbox, KubernetesClient client) throws Exception {
    return heap(sandbox, client, "bench-heap");
  }

  /** As {@link #heap(Sandbox, KubernetesClient)}, in namespace {@code ns} (left in place). */
  public static double heap(Sandbox sandbox, KubernetesClient client, String ns) throws Exception {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
        .endMetadata().build()).create();
    RolloutOperator op = RolloutOperator.start(sandbox.clientConfig(),
        OperatorOptions.defaults().withNamespaces(Set.of(ns)));
    for (int i = 0; i < FLEETS; i++) {
      NodeDeployment nd = NodeDeployment.of("fleet-" + i, NODES_PER_FLEET,
          NodeTemplate.ofImage("node:v1"));
      nd.getMetadata().setNamespace(ns);
      client.resource(nd).create();
    }
    for (int i = 0; i < FLEETS; i++) {
      await(client, ns, "fleet-" + i, "node:v1");
    }
    long with = Footprint.usedAfterGc();
    op.close();
    long without = Footprint.usedAfterGc();
    return Math.max(0, with - without) / (1024.0 * 1024.0);
  }

  private static void await(KubernetesClient client, String ns, String name, String image)
      throws InterruptedException {
    String hash = TemplateHash.of(NodeTemplate.ofImage(image));
    Predicate<NodeDeployment> ready = n -> {
      NodeDeploymentStatus s = n == null ? null : n.getStatus();
      return s != null && s.phase() == Phase.Ready && hash.equals(s.currentHash())
          && s.rollout() == null;
    };
    client.resources(NodeDeployment.class).inNamespace(ns).withName(name)
        .waitUntilCondition(ready, TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** First-seen times of the simulated controllers' steps, per node, from watch events. */
  static final class Timeline {
    final Map<String, Long> applied = new ConcurrentHashMap<>();
    final Map<String, Long> observed = new ConcurrentHashMap<>();
    final Map<String, Long> deleting = new ConcurrentHashMap<>();
    final Map<String, Long> replacedReady = new ConcurrentHashMap<>();
    final Map<String, String> oldUid = new ConcurrentHashMap<>();

    Watch watchStatefulSets(KubernetesClient client, String ns) {
      return client.apps().statefulSets().inNamespace(ns).watch(new Quiet<>() {
        @Override
        public void eventReceived(Action action, StatefulSet s) {
          long now = System.nanoTime();
          String name = s.getMetadata().getName();
          Long gen = s.getMetadata().getGeneration();
          Long seen = s.getStatus() == null ? null : s.getStatus().getObservedGeneration();
          if (gen != null && gen > 1) {
            applied.putIfAbsent(name, now);
            if (seen != null && seen >= gen) {
              observed.putIfAbsent(name, now);
            }
          }
        }
      });
    }

    Watch watchPods(KubernetesClient client, String ns) {
      client.pods().inNamespace(ns).list().getItems()
          .forEach(p -> oldUid.put(p.getMetadata().getName(), p.getMetadata().getUid()));
      return client.pods().inNamespace(ns).watch(new Quiet<>() {
        @Override
        public void eventReceived(Action action, Pod p) {
          long now = System.nanoTime();
          String name = p.getMetadata().getName();
          boolean old = p.getMetadata().getUid().equals(oldUid.get(name));
          if (old && (action == Action.DELETED || p.getMetadata().getDeletionTimestamp() != null)) {
            deleting.putIfAbsent(name, now);
          } else if (!old && ready(p)) {
            replacedReady.putIfAbsent(name, now);
          }
        }
      });
    }

    double simulatedMs() {
      long nanos = 0;
      for (Map.Entry<String, Long> e : applied.entrySet()) {
        Long o = observed.get(e.getKey());
        nanos += o == null ? 0 : o - e.getValue();
      }
      for (Map.Entry<String, Long> e : deleting.entrySet()) {
        Long r = replacedReady.get(e.getKey());
        nanos += r == null ? 0 : r - e.getValue();
      }
      return nanos / 1e6;
    }

    private static boolean ready(Pod p) {
      return p.getStatus() != null && p.getStatus().getConditions().stream()
          .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
  }

  /** A watcher that ignores its close. */
  abstract static class Quiet<T> implements Watcher<T> {
    @Override
    public void onClose(WatcherException cause) {}
  }

  static String render(List<double[]> rounds, double heapMb, int n) {
    List<Double> total = rounds.stream().map(r -> r[0]).toList();
    List<Double> simulated = rounds.stream().map(r -> r[1]).toList();
    List<Double> overhead = rounds.stream().map(r -> r[2]).toList();
    double medianOverhead = BenchmarkReport.median(overhead);
    StringBuilder md = new StringBuilder("## Rollout operator\n\n")
        .append(String.format("A %d-node in-place rollout (v1 → v2) of one NodeDeployment on the "
            + "sandbox, pods ready instantly, operator in-process; median of %d rounds after %d "
            + "warm-up rounds; load average at the end %.1f on %d CPUs. Simulated time is what the sandbox's StatefulSet and pod controllers "
            + "spent (spec observed after the operator's apply, old pod deleting until its "
            + "replacement is ready), from watch events. Overhead per node = (total − "
            + "simulated) / nodes.%n", NODES, n, WARMUP_ROUNDS,
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(), Runtime.getRuntime().availableProcessors()))
        .append("Command: `java -cp \"converge-bench/target/classes:$(cat cp.txt)\" "
            + "dev.converge.bench.RolloutBenchmarks ").append(n)
        .append(" docs/BENCHMARKS.md` (classpath as in `bench/run.sh`).\n\n")
        .append("| metric | median | target | verdict |\n|---|---|---|---|\n")
        .append(String.format("| total rollout time (ms) | %.0f | | |%n",
            BenchmarkReport.median(total)))
        .append(String.format("| simulated time (ms) | %.0f | | |%n",
            BenchmarkReport.median(simulated)))
        .append(String.format("| controller overhead per node (ms) | %.1f | ≤ %.0f | %s |%n",
            medianOverhead, MAX_OVERHEAD_MS_PER_NODE,
            medianOverhead <= MAX_OVERHEAD_MS_PER_NODE ? "met" : "NOT met"))
        .append(String.format("| operator heap, %d NodeDeployments × %d nodes (MB) | %.1f | "
            + "≤ %.0f | %s |%n", FLEETS, NODES_PER_FLEET, heapMb, MAX_HEAP_MB,
            heapMb <= MAX_HEAP_MB ? "met" : "NOT met"))
        .append("\nHeap is the used heap after GC with the operator running minus after it is "
            + "closed (sandbox in the same JVM either way).\n");
    return md.toString();
  }
}
