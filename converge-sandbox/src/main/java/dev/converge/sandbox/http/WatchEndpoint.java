package dev.converge.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.http.table.TableRenderer;
import dev.converge.sandbox.server.ListOptions;
import dev.converge.sandbox.server.Operations;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WatchEndpoint serves {@code ?watch=true}: it opens a {@link WatchStream} over chunked HTTP or
 * a WebSocket, replays the initial state or the history after a resourceVersion (410 Gone as an
 * ERROR event past the window), and runs the stream's timeout and bookmark timers.
 */
final class WatchEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(WatchEndpoint.class);
  /** How often a watch that asked for bookmarks receives one. */
  static final long BOOKMARK_INTERVAL_MS = 1_000;

  private final Vertx vertx;
  private final Operations ops;
  private final List<WatchStream> watches;
  private final List<ApiServer.WatchObserver> watchObservers;

  WatchEndpoint(Vertx vertx, Operations ops, List<WatchStream> watches,
      List<ApiServer.WatchObserver> watchObservers) {
    this.vertx = vertx;
    this.ops = ops;
    this.watches = watches;
    this.watchObservers = watchObservers;
  }

  void watch(HttpServerRequest req, ResourceType type, RequestInfo info) {
    ListOptions options = RequestParsing.listOptions(req, type);
    long from = RequestParsing.longParam("resourceVersion", options.resourceVersion());
    long timeoutSeconds = RequestParsing.longParam("timeoutSeconds", req.getParam("timeoutSeconds"));
    boolean bookmarks = "true".equals(req.getParam("allowWatchBookmarks"));
    Context context = vertx.getOrCreateContext();
    UnaryOperator<ObjectNode> view = TableRenderer.wantsTable(req.getHeader("Accept"))
        ? ApiServer.tableRenderer(req, type)::single : null;
    if ("websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
      req.toWebSocket().onSuccess(ws -> {
        try {
          startWatch(req, WatchSink.webSocket(ws), context, type, info, options, from,
              timeoutSeconds, bookmarks, view);
        } catch (RuntimeException e) {
          ApiException error = e instanceof ApiException api ? api
              : ApiException.internal(String.valueOf(e.getMessage()));
          ws.writeTextMessage(Json.text(watchError(error))).onComplete(v -> ws.close());
        }
      }).onFailure(t -> LOG.debug("websocket upgrade failed for {}", req.uri(), t));
      return;
    }
    HttpServerResponse resp = req.response();
    resp.setChunked(true).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-cache, private");
    resp.setStatusCode(200);
    resp.writeHead();
    startWatch(req, WatchSink.chunked(resp), context, type, info, options, from, timeoutSeconds,
        bookmarks, view);
  }

  private static ObjectNode watchError(ApiException error) {
    ObjectNode frame = Json.object();
    frame.put("type", "ERROR");
    frame.set("object", error.toStatus());
    return frame;
  }

  private void startWatch(HttpServerRequest req, WatchSink sink, Context context,
      ResourceType type, RequestInfo info, ListOptions options, long fromRevision,
      long timeoutSeconds, boolean bookmarks, UnaryOperator<ObjectNode> view) {
    WatchStream stream = new WatchStream(type, info.namespace(), options, sink, context);
    if (view != null) {
      stream.view(view);
    }
    if (!watchObservers.isEmpty()) {
      WatchControl control = watchControl(req, info, stream, context);
      watchObservers.forEach(o -> o.watchStarted(control));
    }
    long from = fromRevision;
    if (from == 0) {
      // "Get state and start at most recent": synthetic ADDED for what exists now.
      ObjectNode list = ops.list(type, info.namespace(), options);
      for (JsonNode item : list.get("items")) {
        stream.sendEvent("ADDED", (ObjectNode) item);
      }
      from = Long.parseLong(list.path("metadata").path("resourceVersion").asText());
    }
    List<Long> timers = new CopyOnWriteArrayList<>();
    stream.onClose(() -> {
      ops.store().unwatch(stream);
      watches.remove(stream);
      timers.forEach(vertx::cancelTimer);
    });
    try {
      ops.store().watch(stream, from);
    } catch (ApiException gone) {
      stream.sendEvent("ERROR", gone.toStatus());
      stream.close();
      return;
    }
    watches.add(stream);
    long startRevision = from;
    sink.onPeerClose(stream::close);
    if (timeoutSeconds > 0) {
      timers.add(vertx.setTimer(TimeUnit.SECONDS.toMillis(timeoutSeconds), t -> stream.close()));
    }
    if (bookmarks) {
      timers.add(vertx.setPeriodic(BOOKMARK_INTERVAL_MS, t -> {
        // Every event up to the store's revision has been queued to this stream before the
        // bookmark, so clients may resume from it even when their resource is quiet.
        long revision = Math.max(ops.store().committedRevision(), startRevision);
        ObjectNode bookmark = Json.object();
        bookmark.put("kind", type.kind()).put("apiVersion", type.apiVersion());
        Json.metadata(bookmark).put("resourceVersion", Long.toString(revision));
        stream.sendEvent("BOOKMARK", bookmark);
      }));
    }
  }

  private static WatchControl watchControl(HttpServerRequest req, RequestInfo info,
      WatchStream stream, Context context) {
    return new WatchControl() {
      @Override
      public HttpServerRequest request() {
        return req;
      }

      @Override
      public RequestInfo info() {
        return info;
      }

      @Override
      public void delayEvents(java.util.function.LongSupplier delayMillis) {
        stream.delayEvents(delayMillis);
      }

      @Override
      public void onEventSent(java.util.function.LongConsumer listener) {
        stream.onEventSent(listener);
      }

      @Override
      public void drop() {
        stream.abort();
        BrokenConnections.cut(req.connection());
      }

      @Override
      public boolean isOpen() {
        return !stream.isClosed();
      }
    };
  }
}
