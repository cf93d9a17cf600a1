package dev.converge.rollout.reliability;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PodLedger records, through a watch on a client no fault touches, every pod UID seen per pod name
 * in one namespace: a node whose pod was replaced once shows two UIDs (v1, v2), a node replaced
 * twice for the same target shows three.
 */
final class PodLedger implements AutoCloseable {
  private final Map<String, Set<String>> uids = new ConcurrentHashMap<>();
  private final Watch watch;

  PodLedger(KubernetesClient client, String namespace) {
    this.watch = client.pods().inNamespace(namespace).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        uids.computeIfAbsent(pod.getMetadata().getName(),
            n -> java.util.Collections.synchronizedSet(new LinkedHashSet<>()))
            .add(pod.getMetadata().getUid());
      }

      @Override
      public void onClose(WatcherException cause) {
        // The admin client's watch sees no faults; a close only ends the ledger early.
      }
    });
  }

  /** Distinct pod UIDs seen for {@code podName}. */
  int incarnations(String podName) {
    Set<String> seen = uids.get(podName);
    return seen == null ? 0 : seen.size();
  }

  @Override
  public void close() {
    watch.close();
  }
}
