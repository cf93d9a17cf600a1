package dev.converge.sandbox.controllers.kubelet;

import dev.converge.sandbox.controllers.runtime.Times;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * KubeletEvents records core/v1 Events about pods as a kubelet does: a repeated event is one
 * object whose {@code count} and {@code lastTimestamp} grow, not a new object each time.
 */
public final class KubeletEvents {
  private record Series(String uid, String reason, String message) {}

  private final KubernetesClient client;
  private final Times times;
  private final Map<Series, String> names = new ConcurrentHashMap<>();

  public KubeletEvents(KubernetesClient client, Times times) {
    this.client = client;
    this.times = times;
  }

  /** Records {@code reason} for {@code container} of {@code pod}. */
  public void record(Pod pod, String container, String type, String reason, String message) {
    String now = times.stamp();
    String ns = pod.getMetadata().getNamespace();
    Series series = new Series(pod.getMetadata().getUid(), reason, message);
    String existing = names.get(series);
    if (existing != null) {
      try {
        client.v1().events().inNamespace(ns).withName(existing).edit(e -> {
          e.setCount(e.getCount() == null ? 2 : e.getCount() + 1);
          e.setLastTimestamp(now);
          return e;
        });
        return;
      } catch (KubernetesClientException e) {
        // Someone deleted the event: start a new series below.
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
    String name = pod.getMetadata().getName() + "."
        + Long.toHexString(System.nanoTime() ^ series.hashCode());
    Event event = new EventBuilder().withNewMetadata().withName(name).withNamespace(ns)
        .endMetadata()
        .withNewInvolvedObject().withApiVersion("v1").withKind("Pod")
        .withNamespace(ns).withName(pod.getMetadata().getName())
        .withUid(pod.getMetadata().getUid())
        .withResourceVersion(pod.getMetadata().getResourceVersion())
        .withFieldPath("spec.containers{" + container + "}").endInvolvedObject()
        .withType(type).withReason(reason).withMessage(message).withCount(1)
        .withFirstTimestamp(now).withLastTimestamp(now)
        .withNewSource().withComponent("kubelet").withHost(pod.getSpec().getNodeName())
        .endSource().withReportingComponent("kubelet")
        .withReportingInstance(pod.getSpec().getNodeName()).build();
    client.v1().events().inNamespace(ns).resource(event).create();
    names.put(series, name);
  }

  /** Forgets the series of a pod that is gone. */
  public void forget(String uid) {
    names.keySet().removeIf(s -> s.uid().equals(uid));
  }
}
