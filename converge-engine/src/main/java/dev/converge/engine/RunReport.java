package dev.converge.engine;

import dev.converge.core.status.Status;
import dev.converge.engine.manifest.ObjectKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link Engine} run did, object by object: the typed result the CLI renders as text or
 * JSON and maps to an exit code.
 *
 * @param result FAILED when any object failed (write refused or readiness FAILED) or a prune
 *     failed; TIMEOUT when none failed but some did not get CURRENT (or gone) in time
 * @param objects the set's objects in plan order (reverse order for a destroy)
 * @param pruned members deleted because the set no longer has them
 * @param duration the whole run
 */
public record RunReport(Result result, List<ObjectReport> objects, List<ObjectReport> pruned, Duration duration) {

  /** How a run ended. */
  public enum Result { SUCCESS, FAILED, TIMEOUT }

  /** What the run did to one object. */
  public enum Action {
    CREATED,
    CONFIGURED,
    UNCHANGED,
    /** Deleted and created again because an immutable field changed (when asked). */
    RECREATED,
    PRUNED,
    DELETED,
    /** A destroy found the object gone already. */
    ABSENT,
    /** The write or delete was refused; the reason says why. */
    FAILED,
    /** Not attempted because an earlier stage failed. */
    SKIPPED,
    /** Only looked at (status, await). */
    OBSERVED
  }

  /**
   * One object's outcome.
   *
   * @param reason why it is not CURRENT (readiness message, pod reasons, events) or the error;
   *     empty when all went well
   * @param duration from the start of the run until the object's last step (ready, failed, gone)
   */
  public record ObjectReport(String apiVersion, String kind, @Nullable String namespace, String name,
      Action action, Status status, String reason, Duration duration) {

    public ObjectReport {
      Objects.requireNonNull(apiVersion, "apiVersion == null");
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(action, "action == null");
      Objects.requireNonNull(status, "status == null");
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(duration, "duration == null");
    }

    public ObjectKey key() {
      return new ObjectKey(ObjectKey.groupOf(apiVersion), kind, namespace, name);
    }
  }

  public RunReport {
    Objects.requireNonNull(result, "result == null");
    objects = List.copyOf(objects);
    pruned = List.copyOf(pruned);
    Objects.requireNonNull(duration, "duration == null");
  }

  public boolean succeeded() {
    return result == Result.SUCCESS;
  }

  /** The report of {@code name}'s object of {@code kind}, for tests and renderers. */
  public ObjectReport object(String kind, String name) {
    return objects.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + kind + " " + name + " in the report"));
  }

  /** The objects whose status is not CURRENT, or whose action failed or was skipped. */
  public List<ObjectReport> problems() {
    return objects.stream().filter(o -> o.action() == Action.FAILED || o.action() == Action.SKIPPED
        || (o.status() != Status.CURRENT && !o.reason().isEmpty())).toList();
  }
}
