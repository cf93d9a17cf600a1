package dev.converge.core.status;

/**
 * PodFailure names one container that is failing in a way that will not fix itself, e.g. {@code
 * web-7d9f-x2 / app: ImagePullBackOff}.
 *
 * @param pod the pod name
 * @param container the container name, or {@code ""} when the failure is the pod's own
 * @param reason the Kubernetes reason, e.g. {@code CrashLoopBackOff}
 * @param detail the detail Kubernetes gave, or a description built from the spec (the image)
 * @param pastGrace whether the failure has lasted past the grace period, so it counts as FAILED
 */
public record PodFailure(
    String pod, String container, String reason, String detail, boolean pastGrace) {

  /** Returns {@code pod/container}, or just the pod when the failure is the pod's own. */
  public String where() {
    return container.isEmpty() ? pod : pod + "/" + container;
  }
}
