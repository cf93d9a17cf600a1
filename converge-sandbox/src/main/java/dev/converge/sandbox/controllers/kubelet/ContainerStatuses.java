package dev.converge.sandbox.controllers.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** ContainerStatuses builds the container statuses a kubelet reports, as pure values. */
final class ContainerStatuses {
  private ContainerStatuses() {}

  static ContainerStatus running(Container c, String podUid, int restarts, String startedAt,
      boolean ready) {
    return base(c, podUid, restarts).withReady(ready).withStarted(true)
        .withNewState().withNewRunning().withStartedAt(startedAt).endRunning().endState()
        .build();
  }

  static ContainerStatus waiting(Container c, String podUid, int restarts, String reason,
      String message, ContainerStateTerminated last) {
    ContainerStatusBuilder b = base(c, podUid, restarts).withReady(false).withStarted(false)
        .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting()
        .endState();
    if (last != null) {
      b.withNewLastState().withTerminated(last).endLastState();
    }
    if ("ErrImagePull".equals(reason) || "ImagePullBackOff".equals(reason)
        || "ContainerCreating".equals(reason)) {
      // Nothing ran yet: no image was resolved and no container exists.
      b.withImageID("").withContainerID(null);
    }
    return b.build();
  }

  static ContainerStatus terminated(Container c, String podUid, int restarts, int exitCode,
      String startedAt, String finishedAt) {
    return base(c, podUid, restarts).withReady(false).withStarted(false).withNewState()
        .withTerminated(exit(c, podUid, restarts, exitCode, startedAt, finishedAt)).endState()
        .build();
  }

  static ContainerStateTerminated exit(Container c, String podUid, int restarts, int exitCode,
      String startedAt, String finishedAt) {
    return new ContainerStateTerminatedBuilder().withExitCode(exitCode)
        .withReason(exitCode == 0 ? "Completed" : "Error").withStartedAt(startedAt)
        .withFinishedAt(finishedAt).withContainerID(containerId(podUid, c.getName(), restarts))
        .build();
  }

  private static ContainerStatusBuilder base(Container c, String podUid, int restarts) {
    return new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
        .withImageID(imageId(c.getImage())).withRestartCount(restarts)
        .withContainerID(containerId(podUid, c.getName(), restarts));
  }

  /** A digest reference like a runtime reports; derived from the name so it is stable. */
  static String imageId(String image) {
    String repo = image == null ? "" : image.split("[@:]", 2)[0];
    if (!repo.contains("/")) {
      repo = "docker.io/library/" + repo;
    }
    return repo + "@sha256:" + sha256(String.valueOf(image));
  }

  static String containerId(String podUid, String container, int restarts) {
    return "containerd://" + sha256(podUid + "/" + container + "/" + restarts);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
