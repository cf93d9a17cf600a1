package dev.converge.sandbox.controllers.kubelet;

import dev.converge.sandbox.controllers.Failure;
import dev.converge.sandbox.controllers.runtime.Reconciler;
import dev.converge.sandbox.controllers.runtime.Times;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PodLifecycle is the scheduler and kubelet of the sandbox for pods: it binds a pod to a fake
 * node, then after the start delay reports its containers running and ready. Pods that run to
 * completion (restartPolicy Never or OnFailure) then succeed after the run time. Images that
 * match a failure rule are never pulled (ErrImagePull, ImagePullBackOff) or crash
 * (CrashLoopBackOff, or phase Failed for run-to-completion pods), with kubelet events.
 *
 * <p>Progress per pod (when it started, how often it failed) is kept in memory by uid. Workers
 * reconcile different pods at once, so the map is concurrent and addresses come from an atomic
 * counter; one pod's {@code Track} is only touched by the worker reconciling that pod.
 */
public final class PodLifecycle implements Reconciler {
  /**
   * What the kubelet remembers of one pod. Delays are measured on the monotonic clock, so an
   * injected wall clock (fixed in a test, say) only changes timestamps, never stalls a pod.
   */
  private static final class Track {
    final String uid;
    final long startAtNanos;
    final String podIp;
    String startedAt;
    int attempts;
    boolean backingOff;
    String lastExitAt;

    Track(String uid, long startAtNanos, String podIp) {
      this.uid = uid;
      this.startAtNanos = startAtNanos;
      this.podIp = podIp;
    }

    Duration untilStart() {
      return Duration.ofNanos(startAtNanos - System.nanoTime());
    }

    Duration untilFinish(Duration runTime) {
      return Duration.ofNanos(startAtNanos + runTime.toNanos() - System.nanoTime());
    }
  }

  private final KubernetesClient client;
  private final FakeNodes nodes;
  private final KubeletSettings settings;
  private final KubeletEvents events;
  private final Times times;
  private final Map<String, Track> tracks = new ConcurrentHashMap<>();
  private final AtomicInteger nextIp = new AtomicInteger(10);

  public PodLifecycle(KubernetesClient client, FakeNodes nodes, KubeletSettings settings,
      KubeletEvents events, Times times) {
    this.client = client;
    this.nodes = nodes;
    this.settings = settings;
    this.events = events;
    this.times = times;
  }

  @Override
  public String kind() {
    return "pods";
  }

  @Override
  public Optional<Duration> reconcile(String namespace, String name) {
    Pod pod = client.pods().inNamespace(namespace).withName(name).get();
    String trackKey = namespace + "/" + name;
    if (pod == null) {
      Track gone = tracks.remove(trackKey);
      if (gone != null) {
        events.forget(gone.uid);
      }
      return Optional.empty();
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if (pod.getMetadata().getDeletionTimestamp() != null || "Succeeded".equals(phase)
        || "Failed".equals(phase)) {
      return Optional.empty();
    }
    if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
      pod.getSpec().setNodeName(nodes.pick());
      pod = client.pods().inNamespace(namespace).resource(pod).update();
    }
    Track track = tracks.get(trackKey);
    if (track == null || !track.uid.equals(pod.getMetadata().getUid())) {
      track = newTrack(pod);
      tracks.put(trackKey, track);
    }
    return step(pod, track);
  }

  /**
   * A pod seen for the first time starts after the start delay, unless it already runs (the
   * sandbox restarted with its data): then it keeps its start time and address.
   */
  private Track newTrack(Pod pod) {
    String uid = pod.getMetadata().getUid();
    if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())) {
      String ip = pod.getStatus().getPodIP();
      Track t = new Track(uid, System.nanoTime(), ip != null ? ip
          : podIp(pod.getSpec().getNodeName()));
      t.startedAt = pod.getStatus().getContainerStatuses().stream()
          .filter(c -> c.getState() != null && c.getState().getRunning() != null)
          .map(c -> c.getState().getRunning().getStartedAt()).findFirst()
          .orElse(pod.getStatus().getStartTime());
      return t;
    }
    return new Track(uid, System.nanoTime() + settings.startDelay().toNanos(),
        podIp(pod.getSpec().getNodeName()));
  }

  private Optional<Duration> step(Pod pod, Track track) {
    PodStatusView view = new PodStatusView(pod, nodes.addressOf(pod.getSpec().getNodeName()),
        track.podIp, times);
    if (positive(track.untilStart())) {
      view.write(client, view.pending(creating(pod)));
      return Optional.of(track.untilStart());
    }
    if (track.startedAt == null) {
      track.startedAt = times.stamp();
    }
    String started = track.startedAt;
    boolean toCompletion = !"Always".equals(pod.getSpec().getRestartPolicy());
    Optional<Container> pullFails = failing(pod, Failure.IMAGE_PULL);
    if (pullFails.isPresent()) {
      return Optional.of(pullLoop(pod, track, view, pullFails.get()));
    }
    Optional<Container> crashes = failing(pod, Failure.CRASH_LOOP);
    if (crashes.isPresent() && !toCompletion) {
      return Optional.of(crashLoop(pod, track, view, crashes.get(), started));
    }
    if (!toCompletion) {
      view.write(client, view.running(running(pod, started)));
      return Optional.empty();
    }
    Duration untilFinish = track.untilFinish(settings.runTime());
    if (positive(untilFinish)) {
      view.write(client, view.running(running(pod, started)));
      return Optional.of(untilFinish);
    }
    int exitCode = crashes.isPresent() ? 1 : 0;
    List<ContainerStatus> done = new ArrayList<>();
    for (Container c : pod.getSpec().getContainers()) {
      int code = crashes.isPresent() && crashes.get() == c ? 1 : 0;
      done.add(ContainerStatuses.terminated(c, track.uid, 0, code, started, times.stamp()));
    }
    view.write(client, view.finished(done, exitCode == 0));
    return Optional.empty();
  }

  /** ErrImagePull, then ImagePullBackOff for a growing back-off, then another pull. */
  private Duration pullLoop(Pod pod, Track track, PodStatusView view, Container bad) {
    String image = bad.getImage();
    List<ContainerStatus> statuses = new ArrayList<>();
    Duration next;
    if (!track.backingOff) {
      track.attempts++;
      String error = "failed to pull and unpack image \"" + image + "\": not found";
      events.record(pod, bad.getName(), "Warning", "Failed",
          "Failed to pull image \"" + image + "\": " + error);
      events.record(pod, bad.getName(), "Warning", "Failed", "Error: ErrImagePull");
      statuses.add(ContainerStatuses.waiting(bad, track.uid, 0, "ErrImagePull", error, null));
      track.backingOff = true;
      next = settings.backoff(1).dividedBy(4);
    } else {
      String message = "Back-off pulling image \"" + image + "\"";
      events.record(pod, bad.getName(), "Normal", "BackOff", message);
      events.record(pod, bad.getName(), "Warning", "Failed", "Error: ImagePullBackOff");
      statuses.add(ContainerStatuses.waiting(bad, track.uid, 0, "ImagePullBackOff", message,
          null));
      track.backingOff = false;
      next = settings.backoff(track.attempts);
    }
    for (Container c : pod.getSpec().getContainers()) {
      if (c != bad) {
        statuses.add(ContainerStatuses.running(c, track.uid, 0, track.startedAt, true));
      }
    }
    view.write(client, view.notReady(statuses, "Pending"));
    return next;
  }

  /** The container exits with 1 each time it starts; the kubelet backs off restarting it. */
  private Duration crashLoop(Pod pod, Track track, PodStatusView view, Container bad,
      String started) {
    track.attempts++;
    String finished = times.stamp();
    ContainerStateTerminated last = ContainerStatuses.exit(bad, track.uid, track.attempts - 1, 1,
        track.lastExitAt == null ? started : track.lastExitAt, finished);
    track.lastExitAt = finished;
    Duration backoff = settings.backoff(track.attempts);
    String podRef = pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "("
        + track.uid + ")";
    List<ContainerStatus> statuses = new ArrayList<>();
    statuses.add(ContainerStatuses.waiting(bad, track.uid, track.attempts, "CrashLoopBackOff",
        "back-off " + backoff.toSeconds() + "s restarting failed container=" + bad.getName()
            + " pod=" + podRef, last));
    for (Container c : pod.getSpec().getContainers()) {
      if (c != bad) {
        statuses.add(ContainerStatuses.running(c, track.uid, 0, started, true));
      }
    }
    view.write(client, view.notReady(statuses, "Running"));
    events.record(pod, bad.getName(), "Warning", "BackOff",
        "Back-off restarting failed container " + bad.getName() + " in pod " + podRef);
    return backoff;
  }

  private Optional<Container> failing(Pod pod, Failure failure) {
    return pod.getSpec().getContainers().stream()
        .filter(c -> settings.failureOf(c.getImage()).filter(f -> f == failure).isPresent())
        .findFirst();
  }

  private List<ContainerStatus> creating(Pod pod) {
    String uid = pod.getMetadata().getUid();
    return pod.getSpec().getContainers().stream().map(c -> ContainerStatuses.waiting(c, uid, 0,
        "ContainerCreating", null, null)).toList();
  }

  private List<ContainerStatus> running(Pod pod, String started) {
    String uid = pod.getMetadata().getUid();
    return pod.getSpec().getContainers().stream()
        .map(c -> ContainerStatuses.running(c, uid, 0, started, true)).toList();
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  /** Pod addresses are data only: nothing listens on them. */
  private String podIp(String node) {
    int n = nextIp.getAndIncrement();
    int nodeIndex = Math.max(nodes.names().indexOf(node), 0);
    return "10.244." + nodeIndex + "." + (n % 250 + 2);
  }
}
