package dev.converge.cli.render;

import dev.converge.core.status.Status;
import dev.converge.engine.manifest.ObjectKey;
import dev.converge.engine.progress.ProgressEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * ProgressBoard folds the engine's progress events into one {@link Row} per object, in the order the
 * plan (or the first event) named them. Each object's clock starts at its first event after the
 * plan and stops when it is ready, failed, pruned or deleted. Thread-safe: events arrive from engine
 * threads while a ticker reads rows.
 */
public final class ProgressBoard {
  static final String PENDING = "pending";
  static final String NO_STATUS = "-";

  private final Clock clock;
  private final Instant started;
  private final Map<ObjectKey, Row> rows = new LinkedHashMap<>();
  private final Map<ObjectKey, Instant> since = new LinkedHashMap<>();

  public ProgressBoard(Clock clock) {
    this.clock = clock;
    this.started = clock.instant();
  }

  public synchronized void on(ProgressEvent event) {
    // Java 17: no pattern switch over the sealed events yet, so one instanceof per kind.
    if (event instanceof ProgressEvent.Planned p) {
      p.stages().forEach(stage -> stage.forEach(this::row));
    } else if (event instanceof ProgressEvent.Applied a) {
      update(a.object(), a.action().name().toLowerCase(Locale.ROOT), null, null, false);
    } else if (event instanceof ProgressEvent.Waiting w) {
      update(w.object(), null, Status.IN_PROGRESS.name(), null, false);
    } else if (event instanceof ProgressEvent.Ready r) {
      update(r.object(), null, Status.CURRENT.name(), "", true);
    } else if (event instanceof ProgressEvent.Failed f) {
      update(f.object(), null, Status.FAILED.name(), f.reason(), true);
    } else if (event instanceof ProgressEvent.Pruned p) {
      update(p.object(), "pruned", Status.NOT_FOUND.name(), "", true);
    } else if (event instanceof ProgressEvent.Deleted d) {
      update(d.object(), "deleted", Status.NOT_FOUND.name(), "", true);
    }
  }

  /** The rows now, running clocks read at this instant. */
  public synchronized List<Row> rows() {
    Instant now = clock.instant();
    List<Row> out = new ArrayList<>(rows.size());
    rows.forEach((key, row) -> out.add(row.done() || !since.containsKey(key) ? row
        : row.with(null, null, null, Duration.between(since.get(key), now), false)));
    return out;
  }

  /** Time since the board was created, i.e. since the run started. */
  public Duration elapsed() {
    return Duration.between(started, clock.instant());
  }

  private Row row(ObjectKey key) {
    return rows.computeIfAbsent(key, k -> new Row(describe(k), PENDING, NO_STATUS, "", Duration.ZERO, false));
  }

  private void update(ObjectKey key, @Nullable String action, @Nullable String status,
      @Nullable String reason, boolean done) {
    Row row = row(key);
    Instant now = clock.instant();
    Instant from = since.computeIfAbsent(key, k -> now);
    rows.put(key, row.with(action, status, reason, Duration.between(from, now), done));
  }

  /** {@code Deployment shop/api}, or {@code Namespace shop} for a cluster-scoped object. */
  public static String describe(ObjectKey key) {
    return key.kind() + " " + (key.namespace() == null ? key.name() : key.namespace() + "/" + key.name());
  }
}
