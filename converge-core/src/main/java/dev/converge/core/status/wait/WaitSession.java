package dev.converge.core.status.wait;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.PodFailure;
import dev.converge.core.status.Readiness;
import dev.converge.core.status.ReadinessModel;
import dev.converge.core.status.Related;
import dev.converge.core.status.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WaitSession is one wait over a set of objects: it recomputes an object's readiness whenever the
 * object or something related to it changes, reports changes, and settles each object as reached,
 * failed or timed out. Every state change happens under the session's lock; watch threads and the
 * timer only call {@link #onChange} and {@link #tick}.
 */
final class WaitSession implements WaitHandle {
  private static final Logger LOG = LoggerFactory.getLogger(WaitSession.class);

  private final WatchSource source;
  private final WaitOptions options;
  private final Clock clock;
  private final ReadinessListener listener;
  private final ScheduledExecutorService timer;
  private final Executor opener;
  private final Instant started;
  /** When every object's wait ends; watches whose first list keeps failing are retried until then. */
  private final Instant deadline;
  private final List<TrackedObject> tracked = new ArrayList<>();
  /** Keyed by {@link #key}: the object a change of a target kind is about. */
  private final Map<String, TrackedObject> byKey = new LinkedHashMap<>();
  /** Keyed by the uid last seen for a target, so a child's owner reference finds it. */
  private final Map<String, TrackedObject> byUid = new HashMap<>();
  /** Keyed by {@link OwnerChain#subject}: the targets an event about kind and name can be about. */
  private final Map<String, List<TrackedObject>> bySubject = new HashMap<>();
  private final List<AutoCloseable> registrations = new ArrayList<>();
  private final CompletableFuture<WaitResult> result = new CompletableFuture<>();
  private @Nullable ScheduledFuture<?> nextTick;

  WaitSession(
      WatchSource source,
      List<WaitTarget> targets,
      WaitOptions options,
      Clock clock,
      ReadinessListener listener,
      ScheduledExecutorService timer,
      Executor opener) {
    this.source = source;
    this.opener = opener;
    this.options = options;
    this.clock = clock;
    this.listener = listener;
    this.timer = timer;
    this.started = clock.instant();
    Duration each =
        options.perObjectTimeout().compareTo(options.timeout()) < 0
            ? options.perObjectTimeout()
            : options.timeout();
    this.deadline = started.plus(each);
    for (WaitTarget t : targets) {
      TrackedObject o = new TrackedObject(t, deadline);
      if (byKey.putIfAbsent(key(o.type, o.namespace(), o.name()), o) == null) {
        tracked.add(o);
        bySubject
            .computeIfAbsent(OwnerChain.subject(o.type.kind(), o.namespace(), o.name()), k -> new ArrayList<>())
            .add(o);
      }
    }
  }

  /**
   * Opens the watches, all at once (a kind whose first list keeps failing is retried until the
   * wait's deadline and must not hold up the others), then judges every object once.
   */
  void start() {
    Duration patience = Duration.between(clock.instant(), deadline);
    Map<Watched, CompletableFuture<AutoCloseable>> opening = new LinkedHashMap<>();
    for (Watched w : watchesNeeded()) {
      opening.put(w, CompletableFuture.supplyAsync(
          () -> source.watch(w.type(), w.namespace(), this::onChange, patience), opener));
    }
    opening.forEach((w, open) -> {
      try {
        registrations.add(open.join());
      } catch (CompletionException | CancellationException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
        LOG.warn("cannot watch {} in {}: {}", w.type(), w.namespace(), cause.toString());
        if (w.forTarget()) {
          markUnwatchable(w, cause);
        }
      }
    });
    synchronized (this) {
      for (TrackedObject o : tracked) {
        recompute(o);
      }
      finishIfDone();
      scheduleTick();
    }
  }

  private synchronized void markUnwatchable(Watched w, RuntimeException e) {
    for (TrackedObject o : tracked) {
      if (o.type.equals(w.type()) && Objects.equals(o.namespace(), w.namespace())) {
        o.unwatchable = true;
        // Never synced: a timeout at the deadline, whose reason names the kind. Else: cannot watch.
        report(o, e instanceof WatchNotSyncedException
            ? Readiness.unknown(WatchNotSyncedException.REASON, e.getMessage())
            : Readiness.unknown("WatchFailed", "cannot watch " + w.type() + ": " + e.getMessage()));
      }
    }
  }

  private record Watched(ResourceType type, @Nullable String namespace, boolean forTarget) {}

  private Set<Watched> watchesNeeded() {
    Set<Watched> out = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    for (TrackedObject o : tracked) {
      if (seen.add(o.type + "|" + o.namespace())) {
        out.add(new Watched(o.type, o.namespace(), true));
      }
    }
    for (TrackedObject o : tracked) {
      boolean namespaced = o.namespace() != null;
      if (options.goal() == Goal.DELETED) {
        continue; // Gone or not: related objects do not matter.
      }
      for (RelatedObjects.Need n : RelatedObjects.needs(o.type, namespaced, options.watchEvents())) {
        String ns = n.namespaced() ? o.namespace() : null;
        if (seen.add(n.type() + "|" + ns)) {
          out.add(new Watched(n.type(), ns, false));
        }
      }
    }
    return out;
  }

  /** A watched object changed: judge again the targets it can affect. */
  synchronized void onChange(ResourceType type, @Nullable String namespace, String name) {
    if (result.isDone()) {
      return;
    }
    TrackedObject direct = byKey.get(key(type, namespace, name));
    if (direct != null) {
      recompute(direct);
    }
    boolean podSide = type.equals(ResourceType.PODS) || type.equals(ResourceType.REPLICA_SETS);
    boolean events = type.equals(ResourceType.EVENTS);
    boolean definitions = type.equals(ResourceType.CRDS);
    boolean classes = type.equals(ResourceType.STORAGE_CLASSES);
    if (podSide || events) {
      JsonNode changed = source.get(type, namespace, name);
      if (changed != null) {
        // Only the owner chain of the pod, ReplicaSet or event subject can read it.
        recomputeOwners(OwnerChain.of(source, type, namespace, changed), events);
        finishIfDone();
        return;
      }
      // Deleted: who owned it is no longer known, so judge every target it could affect.
    }
    if (podSide || events || definitions || classes) {
      for (TrackedObject o : tracked) {
        if (o == direct || o.settled()) {
          continue;
        }
        boolean affected =
            podSide && Objects.equals(o.namespace(), namespace) && RelatedObjects.usesPods(o.type)
                // Events only add Warnings, and CURRENT results carry none.
                || events && Objects.equals(o.namespace(), namespace) && !isCurrent(o)
                || definitions && o.type.isCustom()
                || classes && "/PersistentVolumeClaim".equals(o.type.groupKind());
        if (affected) {
          recompute(o);
        }
      }
    }
    finishIfDone();
  }

  private void recomputeOwners(OwnerChain chain, boolean event) {
    Set<TrackedObject> affected = new LinkedHashSet<>();
    for (String uid : chain.uids()) {
      TrackedObject o = byUid.get(uid);
      if (o != null) {
        affected.add(o);
      }
    }
    for (String k : chain.subjects()) {
      affected.addAll(bySubject.getOrDefault(k, List.of()));
    }
    for (TrackedObject o : affected) {
      // Events only add Warnings, and CURRENT results carry none.
      if (!(event && isCurrent(o))) {
        recompute(o);
      }
    }
  }

  /** Timer: settles objects whose deadline passed and re-judges those whose grace ran out. */
  synchronized void tick() {
    nextTick = null; // This tick is running; the next one is scheduled below.
    if (result.isDone()) {
      return;
    }
    Instant now = clock.instant();
    for (TrackedObject o : tracked) {
      if (o.settled()) {
        continue;
      }
      if (o.recheckAt != null && !now.isBefore(o.recheckAt)) {
        recompute(o);
      }
      if (!o.settled() && !now.isBefore(o.deadline)) {
        // At its deadline an object at its goal counts as reached; anything else timed out.
        settle(o, goalMet(o) ? Verdict.REACHED : Verdict.TIMED_OUT, now);
      }
    }
    finishIfDone();
    scheduleTick();
  }

  private void recompute(TrackedObject o) {
    // An unwatchable object's last word is WatchFailed; a related event must not turn it into
    // NOT_FOUND and hide why it is never reported ready.
    if (o.settled() || o.unwatchable) {
      return;
    }
    Instant now = clock.instant();
    JsonNode obj = source.get(o.type, o.namespace(), o.name());
    if (obj != null) {
      String uid = obj.path("metadata").path("uid").asText("");
      if (!uid.isEmpty()) {
        byUid.put(uid, o);
      }
    }
    if (obj != null && options.goal() == Goal.DELETED && isOtherIncarnation(o, obj)) {
      obj = null; // Re-created under the same name: the object waited for is gone.
    }
    Readiness r;
    if (options.goal() == Goal.DELETED) {
      r = ReadinessModel.compute(obj, Related.NONE, now, options.readiness());
    } else {
      Related related = RelatedObjects.gather(source, o.type, o.namespace(), obj, o.seenComplete);
      r = ReadinessModel.compute(obj, related, now, options.readiness());
    }
    report(o, r);
    if (options.goal() == Goal.READY) {
      if (r.status() == Status.CURRENT && "batch/Job".equals(o.type.groupKind())) {
        o.seenComplete = true;
      }
      if (r.status() == Status.FAILED) {
        settle(o, Verdict.FAILED, now);
        return;
      }
      o.recheckAt = graceEnd(o, r);
    }
  }

  private void report(TrackedObject o, Readiness r) {
    if (r.equals(o.last)) {
      return;
    }
    o.last = r;
    ReadinessEvent event = new ReadinessEvent(o.target.ref(), r, clock.instant());
    LOG.debug("{}", event.oneLine());
    try {
      listener.onChange(event);
    } catch (RuntimeException e) {
      LOG.warn("readiness listener failed on {}", event.oneLine(), e);
    }
  }

  /**
   * When the earliest grace affecting {@code r} ends: a failing pod's, or a custom resource's wait
   * for its first status; null when none is running.
   */
  private @Nullable Instant graceEnd(TrackedObject o, Readiness r) {
    Instant earliest = Readiness.AWAITING_STATUS.equals(r.reason()) ? statusGraceEnd(o) : null;
    for (PodFailure f : r.podFailures()) {
      if (f.pastGrace()) {
        continue;
      }
      Instant start = podStart(o, f.pod());
      Instant end = (start == null ? clock.instant() : start).plus(options.readiness().podFailureGrace());
      earliest = earliest == null || end.isBefore(earliest) ? end : earliest;
    }
    if (earliest != null && (o.recheckAt == null || !earliest.equals(o.recheckAt))) {
      scheduleAt(earliest);
    }
    return earliest;
  }

  private @Nullable Instant statusGraceEnd(TrackedObject o) {
    JsonNode obj = source.get(o.type, o.namespace(), o.name());
    String created = obj == null ? "" : obj.path("metadata").path("creationTimestamp").asText("");
    try {
      return created.isEmpty() ? null : Instant.parse(created).plus(options.readiness().statusGrace());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private @Nullable Instant podStart(TrackedObject o, String pod) {
    JsonNode p = "/Pod".equals(o.type.groupKind())
        ? source.get(o.type, o.namespace(), pod)
        : source.get(ResourceType.PODS, o.namespace(), pod);
    if (p == null) {
      return null;
    }
    String t = p.path("status").path("startTime").asText(p.path("metadata").path("creationTimestamp").asText(""));
    try {
      return t.isEmpty() ? null : Instant.parse(t);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private boolean isOtherIncarnation(TrackedObject o, JsonNode obj) {
    String uid = o.target.uid();
    return uid != null && !uid.equals(obj.path("metadata").path("uid").asText(uid));
  }

  private boolean goalMet(TrackedObject o) {
    if (o.last == null) {
      return false;
    }
    Status want = options.goal() == Goal.READY ? Status.CURRENT : Status.NOT_FOUND;
    return o.last.status() == want;
  }

  private static boolean isCurrent(TrackedObject o) {
    return o.last != null && o.last.status() == Status.CURRENT;
  }

  private void settle(TrackedObject o, Verdict v, Instant at) {
    o.verdict = v;
    o.verdictAt = at;
    o.recheckAt = null;
  }

  /** Done when every object is settled or currently at its goal (reached objects may regress). */
  private void finishIfDone() {
    if (result.isDone()) {
      return;
    }
    for (TrackedObject o : tracked) {
      if (!o.settled() && !goalMet(o)) {
        return;
      }
    }
    complete(null);
  }

  private void complete(@Nullable Verdict forUnsettled) {
    Instant now = clock.instant();
    List<ObjectOutcome> outcomes = new ArrayList<>();
    for (TrackedObject o : tracked) {
      Verdict v = o.verdict;
      Instant at = o.verdictAt;
      if (v == null) {
        v = goalMet(o) ? Verdict.REACHED : Objects.requireNonNull(forUnsettled);
        at = now;
      }
      Readiness last = o.last == null ? Readiness.unknown("NotObserved", "no status observed yet") : o.last;
      outcomes.add(new ObjectOutcome(o.target.ref(), v, last, at, Duration.between(started, at)));
    }
    closeRegistrations();
    result.complete(new WaitResult(outcomes, Duration.between(started, now)));
  }

  private void scheduleTick() {
    Instant next = null;
    for (TrackedObject o : tracked) {
      if (!o.settled()) {
        next = earlier(next, o.deadline);
        next = earlier(next, o.recheckAt);
      }
    }
    if (next != null && !result.isDone()) {
      scheduleAt(next);
    }
  }

  private void scheduleAt(Instant when) {
    long delayMs = Math.max(0, Duration.between(clock.instant(), when).toMillis());
    if (nextTick != null && nextTick.getDelay(TimeUnit.MILLISECONDS) <= delayMs && !nextTick.isDone()) {
      return; // An earlier tick is due; it schedules the next one.
    }
    if (nextTick != null) {
      nextTick.cancel(false);
    }
    nextTick = timer.schedule(this::tick, delayMs + 1, TimeUnit.MILLISECONDS);
  }

  private static @Nullable Instant earlier(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  private void closeRegistrations() {
    if (nextTick != null) {
      nextTick.cancel(false);
    }
    for (AutoCloseable r : registrations) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.debug("closing a watch registration failed", e);
      }
    }
    registrations.clear();
  }

  static String key(ResourceType type, @Nullable String namespace, String name) {
    return type.groupKind() + "|" + (namespace == null ? "" : namespace) + "|" + name;
  }

  @Override
  public CompletableFuture<WaitResult> result() {
    return result;
  }

  @Override
  public synchronized void cancel() {
    if (!result.isDone()) {
      complete(Verdict.CANCELLED);
    }
  }

  @Override
  public synchronized List<ReadinessEvent> current() {
    List<ReadinessEvent> out = new ArrayList<>();
    for (TrackedObject o : tracked) {
      if (o.last != null) {
        out.add(new ReadinessEvent(o.target.ref(), o.last, clock.instant()));
      }
    }
    return out;
  }
}
