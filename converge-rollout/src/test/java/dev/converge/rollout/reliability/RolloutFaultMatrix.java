package dev.converge.rollout.reliability;

import static org.awaitility.Awaitility.await;

import dev.converge.rollout.OperatorOptions;
import dev.converge.rollout.RolloutOperator;
import dev.converge.rollout.api.NodeDeployment;
import dev.converge.rollout.api.NodeDeploymentStatus;
import dev.converge.rollout.api.NodeTemplate;
import dev.converge.rollout.api.Phase;
import dev.converge.rollout.internal.Children;
import dev.converge.rollout.internal.TemplateHash;
import dev.converge.sandbox.faults.FaultHandle;
import dev.converge.sandbox.faults.Faults;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Runs an operator rollout (v1 to v2 over {@link #NODES} nodes) with faults on the operator's own
 * client and audits the cluster through a client no fault touches: every node on v2, phase Ready,
 * one RolloutComplete event, no pod replaced twice, no StatefulSet duplicated or re-created. A run
 * that does not complete must end with a typed condition (phase Degraded, a Stalled or failed
 * RolloutInProgress condition with a reason) before its deadline. Used by {@link
 * RolloutFaultMatrixTest} (a few cells) and {@link RolloutCampaign} (every cell).
 */
final class RolloutFaultMatrix implements AutoCloseable {

  enum Outcome { COMPLETED, FAILED_TYPED, TIMED_OUT, INCONSISTENT }

  /** One cell: a fault kind at a rate, repeated with seeds seed, seed+1, ... */
  record Cell(RolloutFault fault, double rate, int runs, long seed) {}

  /**
   * One run. {@code replacedTwice}: nodes whose pod had more than two incarnations;
   * {@code extraStatefulSets}: StatefulSets beyond one per node or re-created during the run.
   */
  record Run(Cell cell, int index, Outcome outcome, Duration took, long injected,
      int replacedTwice, int extraStatefulSets, int completeEvents, String detail) {}

  static final int NODES = 3;
  /** Creation plus rollout, faults and retries included; a clean run takes a few seconds. */
  static final Duration RUN_DEADLINE = Duration.ofSeconds(90);
  static final String FAULTED = "rfm-operator";
  /** Six attempts of one event create under 429s with a 1 s Retry-After fit in this. */
  static final Duration EVENT_GRACE = Duration.ofSeconds(10);
  /** Attempts of one runner call; each refusal lasts 300 ms and fabric8 retries connects. */
  static final int RUNNER_ATTEMPTS = 10;
  private static final AtomicInteger RUN_IDS = new AtomicInteger();

  private final Config config;
  private final Faults faults;
  private final KubernetesClient admin;
  private final String prefix;

  /** @param prefix keeps namespaces apart when several matrices share a sandbox */
  RolloutFaultMatrix(Config config, Faults faults, String prefix) {
    this.config = config;
    this.faults = faults;
    this.admin = cleanClient(config);
    this.prefix = prefix;
    RolloutOperator.installCrd(admin);
  }

  List<Run> run(Cell cell) {
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < cell.runs(); i++) {
      runs.add(runOnce(cell, i));
    }
    return runs;
  }

  Run runOnce(Cell cell, int index) {
    String ns = prefix + "-" + RUN_IDS.incrementAndGet();
    admin.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    long start = System.nanoTime();
    FaultHandle handle = faults.add(cell.fault().spec(cell.rate(), cell.seed() + index, FAULTED));
    String failure = "";
    Map<String, String> stsUids = Map.of();
    try (PodLedger ledger = new PodLedger(admin, ns);
        RolloutOperator op = RolloutOperator.start(config, OperatorOptions.defaults()
            .withNamespaces(Set.of(ns)).withUserAgent(FAULTED).withReconcileThreads(2))) {
      NodeDeployment nd = NodeDeployment.of("chain", NODES, NodeTemplate.ofImage("node:v1"));
      nd.getMetadata().setNamespace(ns);
      outlasting(() -> {
        NodeDeployment created = admin.resources(NodeDeployment.class).inNamespace(ns)
            .withName("chain").get();
        return created != null ? created : admin.resource(nd).create();
      });
      Duration left = RUN_DEADLINE;
      if (!until(left, () -> settled(ns, "node:v1"))) {
        failure = "not Ready on v1 within " + RUN_DEADLINE.toSeconds() + " s: "
            + unsettled(ns, "node:v1");
      } else {
        stsUids = outlasting(() -> statefulSetUids(ns));
        outlasting(() -> setImage(ns, "node:v2"));
        left = RUN_DEADLINE.minusNanos(System.nanoTime() - start);
        if (!until(left, () -> settled(ns, "node:v2") || failedTyped(ns))) {
          failure = "rollout did not settle within " + RUN_DEADLINE.toSeconds() + " s: "
              + unsettled(ns, "node:v2");
        }
      }
      if (failure.isEmpty() && settled(ns, "node:v2")) {
        // The event follows the status write (and may be retried): give it a bounded moment.
        until(EVENT_GRACE, () -> events(ns, "RolloutComplete") > 0);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      long injected = faults.rule(handle).map(r -> r.applied()).orElse(0L);
      faults.remove(handle);
      return audit(cell, index, ns, ledger, stsUids, took, injected, failure);
    } catch (RuntimeException e) {
      faults.remove(handle);
      return new Run(cell, index, Outcome.TIMED_OUT, Duration.ofNanos(System.nanoTime() - start),
          0, 0, 0, 0, "runner: " + e);
    } finally {
      faults.remove(handle);
      try {
        admin.namespaces().withName(ns).delete();
      } catch (RuntimeException e) {
        // Cleanup only: a namespace left behind changes no later run (each has its own).
      }
    }
  }

  private Run audit(Cell cell, int index, String ns, PodLedger ledger,
      Map<String, String> stsUidsAtV1, Duration took, long injected, String failure) {
    int replacedTwice = 0;
    for (int i = 0; i < NODES; i++) {
      if (ledger.incarnations(Children.podName("chain", i)) > 2) {
        replacedTwice++;
      }
    }
    Map<String, String> stsNow = statefulSetUids(ns);
    int extraSts = Math.max(0, stsNow.size() - NODES) + (int) stsUidsAtV1.entrySet().stream()
        .filter(e -> stsNow.containsKey(e.getKey()) && !stsNow.get(e.getKey()).equals(e.getValue()))
        .count();
    int complete = events(ns, "RolloutComplete");
    NodeDeploymentStatus s = status(ns);
    // Ready counts come from the informer cache by design and may step back for a moment under
    // cache lag after the rollout completed: the final state is given a bounded moment.
    boolean completed = failure.isEmpty() && until(EVENT_GRACE, () -> settled(ns, "node:v2"));
    String detail = failure;
    Outcome outcome;
    if (replacedTwice > 0 || extraSts > 0 || (completed && complete != 1)) {
      outcome = Outcome.INCONSISTENT;
      detail = "replaced twice " + replacedTwice + ", extra StatefulSets " + extraSts
          + ", RolloutComplete events " + complete + (failure.isEmpty() ? "" : "; " + failure);
    } else if (completed) {
      outcome = Outcome.COMPLETED;
    } else if (failure.isEmpty() && failedTyped(ns)) {
      outcome = Outcome.FAILED_TYPED;
      detail = "phase " + (s == null ? null : s.phase()) + ": " + conditions(s);
    } else {
      outcome = Outcome.TIMED_OUT;
      if (detail.isEmpty()) {
        // Reached v2 (or Degraded) once, then left it: say what was not reached at the end.
        detail = "left Ready on v2 (or Degraded), not back within " + EVENT_GRACE.toSeconds()
            + " s: " + unsettled(ns, "node:v2");
      }
    }
    return new Run(cell, index, outcome, took, injected, replacedTwice, extraSts, complete,
        detail);
  }

  /** Ready on {@code image}: every pod on it, no rollout, all nodes ready. */
  private boolean settled(String ns, String image) {
    return unsettled(ns, image).isEmpty();
  }

  /** What keeps the NodeDeployment from being settled on {@code image}; empty once it is. */
  private String unsettled(String ns, String image) {
    NodeDeploymentStatus s = status(ns);
    if (s == null) {
      return "no status";
    }
    String state = "phase " + s.phase() + ", ready " + s.readyReplicas() + "/" + NODES;
    if (s.phase() != Phase.Ready || s.readyReplicas() != NODES) {
      return state + ", " + conditions(s);
    }
    if (s.rollout() != null) {
      return state + ", a rollout still recorded: " + conditions(s);
    }
    if (!TemplateHash.of(NodeTemplate.ofImage(image)).equals(s.currentHash())) {
      return state + ", current template " + s.currentHash() + " is not " + image;
    }
    for (int i = 0; i < NODES; i++) {
      Pod p = admin.pods().inNamespace(ns).withName(Children.podName("chain", i)).get();
      if (p == null) {
        return state + ", pod " + Children.podName("chain", i) + " missing";
      }
      String running = p.getSpec().getContainers().get(0).getImage();
      if (!image.equals(running)) {
        return state + ", pod " + Children.podName("chain", i) + " on " + running;
      }
    }
    return "";
  }

  /** A rollout that gave up says so: phase Degraded with its conditions. */
  private boolean failedTyped(String ns) {
    NodeDeploymentStatus s = status(ns);
    return s != null && s.phase() == Phase.Degraded;
  }

  private @Nullable NodeDeploymentStatus status(String ns) {
    NodeDeployment nd = admin.resources(NodeDeployment.class).inNamespace(ns).withName("chain")
        .get();
    return nd == null ? null : nd.getStatus();
  }

  private boolean setImage(String ns, String image) {
    for (int attempt = 1; ; attempt++) {
      try {
        admin.resources(NodeDeployment.class).inNamespace(ns).withName("chain").edit(nd -> {
          nd.setSpec(nd.getSpec().withTemplate(nd.getSpec().template().withImage(image)));
          return nd;
        });
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 20) {
          throw e; // the operator writes status a few times per node; 20 re-reads outlast it
        }
      }
    }
  }

  private Map<String, String> statefulSetUids(String ns) {
    return admin.apps().statefulSets().inNamespace(ns).list().getItems().stream()
        .collect(Collectors.toMap(s -> s.getMetadata().getName(),
            (StatefulSet s) -> s.getMetadata().getUid()));
  }

  private int events(String ns, String reason) {
    return (int) admin.v1().events().inNamespace(ns).list().getItems().stream()
        .filter((Event e) -> reason.equals(e.getReason())
            && "chain".equals(e.getInvolvedObject().getName()))
        .count();
  }

  private static String conditions(@Nullable NodeDeploymentStatus s) {
    return s == null ? "" : s.conditionsOrEmpty().stream()
        .map(c -> c.getType() + "=" + c.getStatus() + "(" + c.getReason() + ": " + c.getMessage()
            + ")").collect(Collectors.joining(", "));
  }

  /**
   * Runs a call of the runner's own client again when a refusal closed its connection mid-request
   * (no HTTP status): fabric8 retries a refused connect, not a closed in-flight request, which
   * once ended a run as "runner: Connection was closed". Only calls safe to repeat come here.
   */
  private static <T> T outlasting(Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 0 || attempt == RUNNER_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** Polls {@code done} until true or {@code left} runs out; reads failing meanwhile are retried. */
  private static boolean until(Duration left, Supplier<Boolean> done) {
    if (left.isNegative() || left.isZero()) {
      return done.get();
    }
    try {
      await().atMost(left).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
          .until(done::get);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  /**
   * A client for setup and audit that no fault rule names; a refusal (which hits every client of
   * the listener) is outlasted by fabric8's own retries, off in the sandbox's configuration.
   */
  static KubernetesClient cleanClient(Config config) {
    return new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(
        config).withRequestRetryBackoffLimit(10).withRequestRetryBackoffInterval(100).build())
        .build();
  }

  @Override
  public void close() {
    admin.close();
  }
}
