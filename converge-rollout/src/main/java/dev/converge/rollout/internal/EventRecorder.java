package dev.converge.rollout.internal;

import dev.converge.core.client.KubeOps;
import dev.converge.rollout.api.NodeDeployment;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** EventRecorder writes core/v1 Events about a NodeDeployment; a failed write is only logged. */
public final class EventRecorder {
  public static final String COMPONENT = "converge-rollout";
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
  private static final AtomicLong SEQ = new AtomicLong();

  private final KubeOps ops;
  private final Clock clock;

  public EventRecorder(KubeOps ops, Clock clock) {
    this.ops = ops;
    this.clock = clock;
  }

  public void normal(NodeDeployment nd, String reason, String message) {
    record(nd, "Normal", reason, message);
  }

  public void warning(NodeDeployment nd, String reason, String message) {
    record(nd, "Warning", reason, message);
  }

  private void record(NodeDeployment nd, String type, String reason, String message) {
    String now = clock.instant().toString();
    Event e = new EventBuilder().withNewMetadata()
        .withName(nd.getMetadata().getName() + "." + Long.toHexString(System.nanoTime())
            + Long.toHexString(SEQ.incrementAndGet()))
        .withNamespace(nd.getMetadata().getNamespace()).endMetadata()
        .withNewInvolvedObject().withApiVersion(nd.getApiVersion()).withKind(nd.getKind())
        .withName(nd.getMetadata().getName()).withNamespace(nd.getMetadata().getNamespace())
        .withUid(nd.getMetadata().getUid()).endInvolvedObject()
        .withType(type).withReason(reason).withMessage(message).withCount(1)
        .withFirstTimestamp(now).withLastTimestamp(now)
        .withNewSource().withComponent(COMPONENT).endSource().build();
    try {
      ops.create(e);
    } catch (RuntimeException ex) {
      // Events are best effort, as in client-go's recorder: the status carries the truth.
      log.warn("could not record event {} for {}: {}", reason, nd.getMetadata().getName(),
          ex.toString());
    }
  }
}
