package dev.converge.sandbox.controllers.kubelet;

import dev.converge.sandbox.controllers.runtime.Times;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * PodStatusView builds the whole status of one pod for a phase of its life, keeping each
 * condition's lastTransitionTime while its status stays, and writes it through /status only when
 * it changed.
 */
final class PodStatusView {
  private final Pod pod;
  private final String hostIp;
  private final String podIp;
  private final Times times;

  PodStatusView(Pod pod, String hostIp, String podIp, Times times) {
    this.pod = pod;
    this.hostIp = hostIp;
    this.podIp = podIp;
    this.times = times;
  }

  /** Scheduled; containers being created. */
  PodStatus pending(List<ContainerStatus> containers) {
    return status("Pending", containers, false, false, "ContainersNotReady", false);
  }

  PodStatus running(List<ContainerStatus> containers) {
    return status("Running", containers, true, true, null, true);
  }

  PodStatus notReady(List<ContainerStatus> containers, String phase) {
    return status(phase, containers, true, false, "ContainersNotReady", true);
  }

  PodStatus finished(List<ContainerStatus> containers, boolean succeeded) {
    return status(succeeded ? "Succeeded" : "Failed", containers, true, false,
        succeeded ? "PodCompleted" : "PodFailed", true);
  }

  /** Writes {@code status} unless the pod already has it; a 409 retries the reconcile. */
  void write(KubernetesClient client, PodStatus status) {
    if (status.equals(pod.getStatus())) {
      return;
    }
    pod.setStatus(status);
    client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).updateStatus();
  }

  private PodStatus status(String phase, List<ContainerStatus> containers, boolean started,
      boolean ready, String notReadyReason, boolean hasIp) {
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition("PodReadyToStartContainers", started, null, null));
    conditions.add(condition("Initialized", true, null, null));
    String unready = containers.stream().filter(c -> !Boolean.TRUE.equals(c.getReady()))
        .map(ContainerStatus::getName).toList().toString().replace(",", "");
    String message = notReadyReason == null || !"ContainersNotReady".equals(notReadyReason)
        ? null : "containers with unready status: " + unready;
    conditions.add(condition("Ready", ready, notReadyReason, message));
    conditions.add(condition("ContainersReady", ready, notReadyReason, message));
    conditions.add(condition("PodScheduled", true, null, null));
    PodStatus s = new PodStatus();
    s.setPhase(phase);
    s.setConditions(conditions);
    s.setContainerStatuses(new ArrayList<>(containers));
    s.setHostIP(hostIp);
    s.setHostIPs(new ArrayList<>(List.of(new HostIP(hostIp))));
    if (hasIp) {
      s.setPodIP(podIp);
      s.setPodIPs(new ArrayList<>(List.of(new PodIP(podIp))));
    }
    String startTime = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
    s.setStartTime(startTime != null ? startTime : times.stamp());
    s.setQosClass(pod.getStatus() == null || pod.getStatus().getQosClass() == null
        ? "BestEffort" : pod.getStatus().getQosClass());
    return s;
  }

  private PodCondition condition(String type, boolean value, String reason, String message) {
    String status = value ? "True" : "False";
    String since = times.stamp();
    if (pod.getStatus() != null) {
      for (PodCondition c : pod.getStatus().getConditions()) {
        if (type.equals(c.getType()) && status.equals(c.getStatus())
            && c.getLastTransitionTime() != null) {
          since = c.getLastTransitionTime();
        }
      }
    }
    return new PodConditionBuilder().withType(type).withStatus(status)
        .withReason(value ? null : reason).withMessage(value ? null : message)
        .withLastTransitionTime(since).build();
  }
}
