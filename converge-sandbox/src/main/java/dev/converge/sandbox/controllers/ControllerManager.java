package dev.converge.sandbox.controllers;

import dev.converge.sandbox.controllers.apps.DaemonSetController;
import dev.converge.sandbox.controllers.apps.DeploymentController;
import dev.converge.sandbox.controllers.apps.ReplicaSetController;
import dev.converge.sandbox.controllers.apps.StatefulSetController;
import dev.converge.sandbox.controllers.batch.JobController;
import dev.converge.sandbox.controllers.infra.ClaimBinder;
import dev.converge.sandbox.controllers.infra.LoadBalancerController;
import dev.converge.sandbox.controllers.kubelet.FakeNodes;
import dev.converge.sandbox.controllers.kubelet.KubeletEvents;
import dev.converge.sandbox.controllers.kubelet.KubeletSettings;
import dev.converge.sandbox.controllers.kubelet.PodLifecycle;
import dev.converge.sandbox.controllers.runtime.Key;
import dev.converge.sandbox.controllers.runtime.Pauses;
import dev.converge.sandbox.controllers.runtime.Reconciler;
import dev.converge.sandbox.controllers.runtime.Times;
import dev.converge.sandbox.controllers.runtime.WorkQueue;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * ControllerManager runs the sandbox's simulated workload controllers (Deployments,
 * ReplicaSets, StatefulSets, DaemonSets, Jobs, pods as a scheduler and kubelet would, LoadBalancer
 * Services and PVC binding) against an API server through one fabric8 client: informers say what
 * changed, reconcilers read and write through the API. Reconciliations run on
 * {@link ControllerOptions#workers()} threads (4 by default), never one object on two at once;
 * nothing polls.
 *
 * <pre>{@code
 * ControllerManager controllers = sandbox.controllers();
 * controllers.pause("statefulsets");      // status stays as it is
 * controllers.failImages(Pattern.compile("broken"), Failure.IMAGE_PULL);
 * controllers.resume("statefulsets");     // converges again
 * }</pre>
 */
public final class ControllerManager implements ControllerControls, AutoCloseable {
  /** User agent of the controllers' requests, so request counts can tell them apart. */
  public static final String USER_AGENT = "converge-sandbox-controllers";
  /** CronJobs are known so they can be paused like the rest, but no controller creates Jobs. */
  private static final String IDLE_KIND = "cronjobs";

  private final KubernetesClient client;
  private final ScheduledExecutorService executor;
  private final Pauses pauses = new Pauses();
  private final KubeletSettings kubelet;
  private final FakeNodes nodes;
  private final Map<String, Reconciler> reconcilers = new LinkedHashMap<>();
  private final WorkQueue queue;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final boolean running;

  /**
   * First wait before a controller informer re-opens a broken watch (fabric8 doubles it up to 32
   * times). A refusal fault stops the one listener every client shares, so these stand-ins for
   * kube-controller-manager and the kubelet lose their watches too; at fabric8's default of 1 s
   * they then stayed blind for up to 32 s, which a real control plane never is for an
   * operator's network trouble (issue 10 fault matrix, refused connections).
   */
  static final Duration WATCH_RECONNECT_INTERVAL = Duration.ofMillis(50);

  private ControllerManager(Config config, ControllerOptions options, Clock clock,
      boolean run) {
    this.kubelet = new KubeletSettings(options);
    this.nodes = new FakeNodes(options.nodes());
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newScheduledThreadPool(options.workers(), r -> {
      Thread t = new Thread(r, "sandbox-controllers-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.running = run;
    this.client = run ? new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(config).withUserAgent(USER_AGENT)
            .withWatchReconnectInterval((int) WATCH_RECONNECT_INTERVAL.toMillis()).build())
        .build() : null;
    Times times = new Times(clock);
    if (run) {
      List.of(new PodLifecycle(client, nodes, kubelet, new KubeletEvents(client, times), times),
          new ReplicaSetController(client, times), new DeploymentController(client, times),
          new StatefulSetController(client, times), new DaemonSetController(client, times),
          new JobController(client, times), new LoadBalancerController(client),
          new ClaimBinder(client)).forEach(r -> reconcilers.put(r.kind(), r));
    }
    this.queue = new WorkQueue(executor, pauses, reconcilers);
  }

  /**
   * Registers the fake nodes and starts the controllers against the API server of
   * {@code config}; returns once their informers have listed what exists.
   */
  public static ControllerManager start(Config config, ControllerOptions options, Clock clock) {
    ControllerManager m = new ControllerManager(config, options, clock, true);
    // Pauses and slowdowns asked for at start hold before any informer delivers an object.
    options.pausedKinds().forEach(m::pause);
    options.slowedKinds().forEach(m::slow);
    try {
      m.nodes.register(m.client, new Times(clock).stamp());
      new InformerWiring(m.client, m.queue, m.informers).start();
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
    return m;
  }

  /** Controls that run nothing: for a sandbox started without controllers. */
  public static ControllerManager disabled() {
    return new ControllerManager(null, ControllerOptions.defaults(), Clock.systemUTC(), false);
  }

  /** Whether the controllers run (false for a sandbox started without them). */
  public boolean isRunning() {
    return running;
  }

  @Override
  public void pause(String kind) {
    pauses.pause(known(kind));
  }

  @Override
  public void resume(String kind) {
    pauses.resume(known(kind));
    queue.unpark();
  }

  @Override
  public void slow(String kind, Duration extraDelay) {
    pauses.slow(known(kind), extraDelay);
  }

  @Override
  public void pause(String kind, String namespace, String name) {
    pauses.pause(new Key(known(kind), namespace, name));
  }

  @Override
  public void resume(String kind, String namespace, String name) {
    pauses.resume(new Key(known(kind), namespace, name));
    queue.unpark();
  }

  @Override
  public Set<String> kinds() {
    Set<String> kinds = new TreeSet<>(List.of("deployments", "replicasets", "statefulsets",
        "daemonsets", "jobs", "pods", "services", "persistentvolumeclaims"));
    kinds.add(IDLE_KIND);
    return kinds;
  }

  /** Time from scheduling until a pod runs and is ready. */
  public void podStartDelay(Duration delay) {
    kubelet.startDelay(delay);
  }

  /** Time a run-to-completion pod (a Job's) runs before it succeeds or fails. */
  public void podRunTime(Duration runTime) {
    kubelet.runTime(runTime);
  }

  /** First back-off of failing containers (ImagePullBackOff, CrashLoopBackOff). */
  public void failureBackoff(Duration backoff) {
    kubelet.failureBackoff(backoff);
  }

  /**
   * Containers whose image contains a match of {@code pattern} fail with {@code failure}, for
   * pods that start from now on (and pods still starting).
   */
  public void failImages(Pattern pattern, Failure failure) {
    kubelet.failImages(pattern, failure);
  }

  /** Forgets every {@link #failImages} rule. */
  public void clearImageFailures() {
    kubelet.clearImageFailures();
  }

  /** Names of the fake nodes. */
  public List<String> nodes() {
    return nodes.names();
  }

  private String known(String kind) {
    if (!kinds().contains(kind)) {
      throw new IllegalArgumentException("unknown kind \"" + kind + "\"; known: " + kinds());
    }
    return kind;
  }

  /** Stops the informers and the controllers' threads and closes the client. */
  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::stop);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (client != null) {
      client.close();
    }
  }
}
