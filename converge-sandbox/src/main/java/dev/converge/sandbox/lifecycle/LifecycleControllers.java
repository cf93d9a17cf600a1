package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.server.Operations;
import dev.converge.sandbox.store.ObjectStore;
import dev.converge.sandbox.store.WatchEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LifecycleControllers runs the sandbox's built-in controllers (namespace finalization, garbage
 * collection, CRD establishment) on one thread, fed by store commits. The commit listener runs
 * under the store's write lock, so it only hands the event to that thread; the controllers then
 * act through {@link Operations} like any client, and the outcome is eventually consistent.
 */
public final class LifecycleControllers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LifecycleControllers.class);

  private final ScheduledExecutorService executor;
  private final CrdSchemaStore schemas = new CrdSchemaStore();
  private final List<Controller> controllers;
  private volatile boolean closed;

  private LifecycleControllers(Operations ops, Clock clock) {
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sandbox-lifecycle");
      t.setDaemon(true);
      return t;
    });
    Supplier<String> now = () -> Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    this.controllers = List.of(
        new NamespaceController(new ObjectWrites(ops, "namespace-controller"), executor, now),
        new GarbageCollector(new ObjectWrites(ops, "generic-garbage-collector"), executor),
        new CrdController(new ObjectWrites(ops, "apiextensions-controller"), schemas, executor,
            now));
  }

  /**
   * Starts the controllers over what {@code ops} stores now and every later commit, and adds
   * the CRD validation and custom resource defaulting hooks to {@code ops}.
   */
  public static LifecycleControllers start(Operations ops, Clock clock) {
    LifecycleControllers lifecycle = new LifecycleControllers(ops, clock);
    ops.addAdmissionHook(new CrdAdmission());
    ops.addAdmissionHook(new CustomResourceDefaulting(lifecycle.schemas));
    ObjectStore store = ops.store();
    store.addCommitListener(lifecycle::enqueue);
    lifecycle.executor.execute(() -> lifecycle.observeExisting(store));
    return lifecycle;
  }

  /** Schemas of the established CRDs, for merge structure of custom resources. */
  public CustomResourceSchemas customResourceSchemas() {
    return schemas;
  }

  /** Called under the store lock: hand over, never block. */
  private void enqueue(WatchEvent event) {
    if (closed) {
      return;
    }
    try {
      executor.execute(() -> dispatch(event));
    } catch (RejectedExecutionException e) {
      // Closing: a stopped sandbox has no controllers.
    }
  }

  /** Objects stored before the controllers started are observed as if just added. */
  private void observeExisting(ObjectStore store) {
    for (String groupResource : store.groupResources()) {
      ObjectStore.Snapshot snap = store.list(groupResource, null);
      for (ObjectNode obj : snap.items()) {
        String ns = obj.path("metadata").path("namespace").asText("");
        dispatch(new WatchEvent(snap.revision(), "ADDED", groupResource, ns, obj, null));
      }
    }
  }

  private void dispatch(WatchEvent event) {
    for (Controller c : controllers) {
      try {
        c.observe(event);
      } catch (RuntimeException e) {
        LOG.warn("{} failed to observe {} {}: {}", c.getClass().getSimpleName(), event.type(),
            event.groupResource(), e.toString());
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
