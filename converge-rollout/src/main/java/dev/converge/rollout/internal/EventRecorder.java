package dev.converge.rollout.internal;

import dev.converge.core.client.KubeOps;
import dev.converge.core.errors.AlreadyExistsException;
import dev.converge.rollout.api.NodeDeployment;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventRecorder writes core/v1 Events about a NodeDeployment. An event whose write failed (after the
 * core client's own retries) is written again in the background, up to {@link #MAX_TRIES} times
 * with a growing pause, as client-go's broadcaster does: a flaky API server delays an event but
 * does not drop it. The reconcile never waits for an event; the status carries the truth.
 *
 * <p>Each event's name is unique and fixed before its first try, so AlreadyExists on a later try
 * means an earlier one was committed with its response lost: written, exactly once.
 */
public final class EventRecorder implements AutoCloseable {
  public static final String COMPONENT = "converge-rollout";
  /** Tries per event, the first included (client-go's maxTriesPerEvent). */
  static final int MAX_TRIES = 12;
  static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  static final Duration MAX_PAUSE = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
  private static final AtomicLong SEQ = new AtomicLong();

  private final KubeOps ops;
  private final Clock clock;
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "converge-rollout-events");
    t.setDaemon(true);
    return t;
  });

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
    write(e, 1);
  }

  private void write(Event e, int attempt) {
    try {
      ops.create(e);
    } catch (AlreadyExistsException written) {
      // an earlier try was committed, its response lost
    } catch (RuntimeException ex) {
      if (attempt >= MAX_TRIES) {
        log.warn("could not record event {} for {} after {} tries: {}", e.getReason(),
            e.getInvolvedObject().getName(), attempt, ex.toString());
        return;
      }
      long pause = Math.min(MAX_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(attempt - 1, 10));
      log.debug("event {} for {} not written (try {}), again in {} ms: {}", e.getReason(),
          e.getInvolvedObject().getName(), attempt, pause, ex.toString());
      try {
        retries.schedule(() -> write(e, attempt + 1), pause, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closed) {
        log.warn("could not record event {} for {}: the operator stopped", e.getReason(),
            e.getInvolvedObject().getName());
      }
    }
  }

  /** Stops retrying; events still pending are dropped (logged). */
  @Override
  public void close() {
    retries.shutdownNow();
  }
}
