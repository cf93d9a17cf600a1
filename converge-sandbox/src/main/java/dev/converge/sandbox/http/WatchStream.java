package dev.converge.sandbox.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.server.ListOptions;
import dev.converge.sandbox.store.WatchEvent;
import dev.converge.sandbox.store.Watcher;
import io.vertx.core.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * WatchStream is one open watch: it filters committed events by namespace and selectors and
 * writes them to its {@link WatchSink} (chunked HTTP or WebSocket). Selector transitions are
 * translated as the real API server does: an object that stops matching is sent as DELETED, one
 * that starts matching as ADDED.
 */
final class WatchStream implements Watcher {
  /** Events queued for one slow client before the watch is closed (the client then rewatches). */
  static final int MAX_PENDING = 50_000;

  private final ResourceType type;
  private final String namespace;
  private final ListOptions options;
  private final WatchSink sink;
  private final Context context;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long lastRevision;
  private Runnable onClose = () -> {};
  private volatile UnaryOperator<ObjectNode> view;
  private final DelayedLines delayed;
  private final AtomicLong eventsSent = new AtomicLong();
  private volatile LongSupplier delayMillis = () -> 0;
  private volatile LongConsumer sentListener = n -> {};
  private volatile boolean aborted;

  WatchStream(ResourceType type, String namespace, ListOptions options,
      WatchSink sink, Context context) {
    this.type = type;
    this.namespace = namespace;
    this.options = options;
    this.sink = sink;
    this.context = context;
    this.delayed = new DelayedLines(context);
  }

  /** Asks {@code delay} before each event how long to hold it back (injected cache lag). */
  void delayEvents(LongSupplier delay) {
    this.delayMillis = delay;
  }

  /** Also calls {@code listener} with the running count after each event written (not bookmarks). */
  synchronized void onEventSent(LongConsumer listener) {
    this.sentListener = sentListener.andThen(listener);
  }

  void onClose(Runnable action) {
    this.onClose = action;
  }

  /** Serves every object event through {@code view} (e.g. as a Table) instead of as stored. */
  void view(UnaryOperator<ObjectNode> objectView) {
    this.view = objectView;
  }

  long lastRevision() {
    return lastRevision;
  }

  @Override
  public boolean accepts(WatchEvent event) {
    if (closed.get() || !event.groupResource().equals(type.groupResource())) {
      return false;
    }
    return namespace == null || namespace.isEmpty() || namespace.equals(event.namespace());
  }

  @Override
  public void deliver(WatchEvent event) {
    boolean now = matches(event.object());
    boolean before = event.previous() != null && matches(event.previous());
    String kind = event.type();
    if (kind.equals("MODIFIED")) {
      if (now && !before) {
        kind = "ADDED";
      } else if (!now && before) {
        kind = "DELETED";
      } else if (!now) {
        return;
      }
    } else if (kind.equals("DELETED") ? !before && !now : !now) {
      return;
    }
    lastRevision = event.revision();
    byte[] line = view == null && kind.equals(event.type()) && servedAsStored(event.object())
        ? event.line() : frame(kind, event.object());
    send(line, true);
  }

  /** Sends one synthetic event (initial state, bookmark, error). */
  void sendEvent(String kind, ObjectNode object) {
    boolean objectEvent = kind.equals("ADDED") || kind.equals("MODIFIED") || kind.equals("DELETED");
    byte[] line = objectEvent ? frame(kind, object) : WatchEvent.frame(kind, object);
    send(line, !kind.equals("BOOKMARK"));
  }

  private void send(byte[] line, boolean counted) {
    if (closed.get()) {
      return;
    }
    if (pending.incrementAndGet() > MAX_PENDING) {
      close();
      return;
    }
    // Lines queued before close() still go out (e.g. the ERROR event of a 410): the sink is
    // ended by a task queued after them on the same context.
    long delay = delayMillis.getAsLong();
    if (delay > 0 || !delayed.isEmpty()) {
      delayed.add(delay, () -> write(line, counted));
      return;
    }
    context.runOnContext(v -> write(line, counted));
  }

  private void write(byte[] line, boolean counted) {
    pending.decrementAndGet();
    if (!aborted && sink.isOpen()) {
      sink.write(line);
      if (counted) {
        sentListener.accept(eventsSent.incrementAndGet());
      }
    }
  }

  void close() {
    if (closed.compareAndSet(false, true)) {
      onClose.run();
      // Queued behind pending writes, so an ERROR event sent just before still goes out.
      if (delayed.isEmpty()) {
        context.runOnContext(v -> sink.end());
      } else {
        delayed.add(0, sink::end);
      }
    }
  }

  /**
   * Stops writing at once, events already queued included, without ending the stream properly:
   * the caller breaks the connection (a watch dropped mid-stream).
   */
  void abort() {
    aborted = true;
    if (closed.compareAndSet(false, true)) {
      onClose.run();
    }
  }

  boolean isClosed() {
    return closed.get();
  }

  private boolean matches(ObjectNode obj) {
    return options.labels().matches(obj.path("metadata").get("labels"))
        && options.fields().matches(obj);
  }

  private boolean servedAsStored(ObjectNode obj) {
    return type.apiVersion().equals(obj.path("apiVersion").asText());
  }

  private byte[] frame(String kind, ObjectNode object) {
    ObjectNode served = object;
    if (object.has("apiVersion") && !servedAsStored(object)
        && object.path("kind").asText().equals(type.kind())) {
      served = object.deepCopy();
      served.put("apiVersion", type.apiVersion());
    }
    return WatchEvent.frame(kind, view == null ? served : view.apply(served));
  }
}
