package dev.converge.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceRegistry;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.http.openapi.OpenApiDocuments;
import dev.converge.sandbox.http.protobuf.ProtobufObjects;
import dev.converge.sandbox.http.table.TableRenderer;
import dev.converge.sandbox.patch.PatchType;
import dev.converge.sandbox.select.FieldSelector;
import dev.converge.sandbox.select.LabelSelector;
import dev.converge.sandbox.server.DeleteOptions;
import dev.converge.sandbox.server.ListOptions;
import dev.converge.sandbox.server.Operations;
import dev.converge.sandbox.server.RequestContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ApiServer is the HTTP front of the sandbox: authentication, URL resolution, verb dispatch to
 * {@link Operations}, discovery documents and streaming watches, on Vert.x.
 *
 * <p>Vert.x is used because it is already on fabric8's classpath and streams chunked responses
 * without a thread per watch; handlers run on the event loop because every operation is an
 * in-memory step under a short lock.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  /** How often a watch that asked for bookmarks receives one. */
  static final long BOOKMARK_INTERVAL_MS = 1_000;

  private final Vertx vertx;
  private final Operations ops;
  private final Authenticator auth;
  private final List<RequestFilter> filters = new CopyOnWriteArrayList<>();
  private final List<WatchStream> watches = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private volatile RequestAuthorizer authorizer = (request, user) -> { };
  private String serverAddress = "127.0.0.1:0";
  private final List<WatchObserver> watchObservers = new CopyOnWriteArrayList<>();
  private volatile HttpServerOptions listenOptions;
  private volatile boolean closed;

  /** A hook that may answer or delay a request before it is dispatched (fault injection). */
  public interface RequestFilter {
    /** Returns true when the filter took over the request (answered or dropped it). */
    boolean handle(HttpServerRequest request, RequestInfo info);
  }

  public ApiServer(Vertx vertx, Operations ops, Authenticator auth) {
    this.vertx = vertx;
    this.ops = ops;
    this.auth = auth;
  }

  public void addFilter(RequestFilter filter) {
    filters.add(filter);
  }

  /** Told about each watch as it opens, before its first event (fault injection). */
  public interface WatchObserver {
    void watchStarted(WatchControl watch);
  }

  public void addWatchObserver(WatchObserver observer) {
    watchObservers.add(observer);
  }

  /**
   * Closes the listening socket, and with it every open connection, so new connections are
   * refused until {@link #listenAgain()}: what clients see while an API server restarts.
   */
  public io.vertx.core.Future<Void> stopListening() {
    HttpServer current = server;
    return current == null ? io.vertx.core.Future.succeededFuture() : current.close();
  }

  /** Listens again on the same port after {@link #stopListening()}; nothing once closed. */
  public io.vertx.core.Future<Void> listenAgain() {
    if (closed || listenOptions == null) {
      return io.vertx.core.Future.succeededFuture();
    }
    return vertx.createHttpServer(listenOptions).requestHandler(this::handle).listen()
        .map(s -> {
          server = s;
          if (closed) {
            s.close();
          }
          return null;
        });
  }

  /** Binds to {@code host:port} (0 picks a free port); TLS when a certificate is given. */
  public int start(String host, int port, String certPem, String keyPem) {
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
        .setCompressionSupported(false).setIdleTimeout(0);
    if (certPem != null) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertValue(Buffer.buffer(certPem)).setKeyValue(Buffer.buffer(keyPem)));
    }
    try {
      server = vertx.createHttpServer(options).requestHandler(this::handle).listen()
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not start the sandbox API server on " + host + ":"
          + port, e);
    }
    serverAddress = host + ":" + server.actualPort();
    listenOptions = new HttpServerOptions(options).setPort(server.actualPort());
    return server.actualPort();
  }

  public int port() {
    return listenOptions != null ? listenOptions.getPort() : server.actualPort();
  }

  /** Closes every open watch, as a real server does on shutdown or a dropped connection. */
  public void closeWatches() {
    for (WatchStream w : watches) {
      w.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    closeWatches();
    if (server != null) {
      try {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.debug("closing the API server", e);
      }
    }
  }

  private void handle(HttpServerRequest req) {
    try {
      String path = req.path();
      if (path.equals("/healthz") || path.equals("/livez") || path.equals("/readyz")) {
        req.response().putHeader("Content-Type", "text/plain").end("ok");
        return;
      }
      if (path.equals("/version") || path.equals("/version/")) {
        writeJson(req.response(), 200, Discovery.version());
        return;
      }
      Optional<Authenticator.User> user = auth.authenticate(req.getHeader("Authorization"));
      if (user.isEmpty()) {
        throw ApiException.unauthorized();
      }
      authorizer.authorize(req, user.get());
      if (path.startsWith("/openapi/")) {
        openApi(req, path);
        return;
      }
      RequestInfo info = RequestInfo.parse(path);
      for (RequestFilter f : filters) {
        if (f.handle(req, info)) {
          return;
        }
      }
      serve(req, info, user.get());
    } catch (ApiException e) {
      writeError(req.response(), e);
    } catch (RuntimeException e) {
      LOG.warn("request {} {} failed", req.method(), req.uri(), e);
      writeError(req.response(), ApiException.internal(String.valueOf(e.getMessage())));
    }
  }

  /**
   * Serves a request that a filter took over and now lets through (e.g. after added latency),
   * skipping the filters. A filter that defers a request should {@code pause()} it first and
   * {@code resume()} it after this call, so its body is not lost meanwhile.
   */
  public void proceed(HttpServerRequest req, RequestInfo info) {
    try {
      Authenticator.User user = auth.authenticate(req.getHeader("Authorization"))
          .orElseThrow(ApiException::unauthorized);
      serve(req, info, user);
    } catch (ApiException e) {
      writeError(req.response(), e);
    } catch (RuntimeException e) {
      LOG.warn("request {} {} failed", req.method(), req.uri(), e);
      writeError(req.response(), ApiException.internal(String.valueOf(e.getMessage())));
    }
  }

  private void serve(HttpServerRequest req, RequestInfo info, Authenticator.User user) {
    if (info == null) {
      throw ApiException.notFound("the server could not find the requested resource");
    }
    if (info.isDiscovery()) {
      discovery(req, info);
      return;
    }
    ResourceType type = resolve(info);
    if (req.method() == HttpMethod.GET && info.name() == null && isWatch(req)) {
      watch(req, type, info);
      return;
    }
    req.body().onSuccess(body -> {
      try {
        dispatch(req, type, info, user, body);
      } catch (ApiException e) {
        writeError(req.response(), e);
      } catch (RuntimeException e) {
        LOG.warn("request {} {} failed", req.method(), req.uri(), e);
        writeError(req.response(), ApiException.internal(String.valueOf(e.getMessage())));
      }
    }).onFailure(t -> writeError(req.response(), ApiException.badRequest(t.getMessage())));
  }

  private ResourceType resolve(RequestInfo info) {
    ResourceRegistry registry = ops.registry();
    ResourceType type = registry.byPath(info.group(), info.version(), info.resource())
        .orElseThrow(() -> ApiException.notFound(
            "the server could not find the requested resource"));
    if (!type.namespaced() && info.namespace() != null) {
      throw ApiException.notFound("the server could not find the requested resource");
    }
    if (info.subresource() != null) {
      boolean served = switch (info.subresource()) {
        case "status" -> type.statusSubresource();
        case "scale" -> type.scaleSubresource();
        case "finalize" -> type.kind().equals("Namespace") && type.group().isEmpty();
        default -> false;
      };
      if (!served) {
        throw ApiException.notFound("the server could not find the requested resource");
      }
    }
    return type;
  }

  private void dispatch(HttpServerRequest req, ResourceType type, RequestInfo info,
      Authenticator.User user, Buffer body) {
    RequestContext ctx = context(req, user);
    String ns = info.namespace();
    HttpMethod m = req.method();
    if (info.subresource() != null && info.subresource().equals("scale")) {
      Scale.handle(req, ops, type, info, ctx, body, this);
      return;
    }
    if (m == HttpMethod.GET) {
      ObjectNode found = info.name() == null ? ops.list(type, ns, listOptions(req, type))
          : ops.get(type, ns, info.name());
      if (TableRenderer.wantsTable(req.getHeader("Accept"))) {
        TableRenderer tables = tableRenderer(req, type);
        ObjectNode table = info.name() == null ? tables.list(found) : tables.single(found);
        req.response().putHeader("Content-Type", TableRenderer.CONTENT_TYPE);
        req.response().setStatusCode(200).end(Buffer.buffer(Json.bytes(table)));
      } else {
        writeJson(req.response(), 200, found);
      }
    } else if (m == HttpMethod.POST) {
      if (info.name() != null) {
        throw ApiException.methodNotAllowed("POST is not supported on a named object");
      }
      ObjectNode obj = objectBody(req, body);
      writeJson(req.response(), 201, ops.create(type, ns, obj, ctx));
    } else if (m == HttpMethod.PUT) {
      requireName(info);
      ObjectNode obj = objectBody(req, body);
      writeJson(req.response(), 200,
          ops.update(type, ns, info.name(), obj, info.subresource(), ctx));
    } else if (m == HttpMethod.PATCH) {
      requireName(info);
      PatchType patchType = PatchType.fromContentType(req.getHeader("Content-Type"));
      JsonNode patch = parse(body, patchType == PatchType.APPLY_YAML);
      writeJson(req.response(), 200,
          ops.patch(type, ns, info.name(), patchType, patch, info.subresource(), ctx));
    } else if (m == HttpMethod.DELETE) {
      JsonNode opts = body.length() == 0 ? null : parse(body, false);
      DeleteOptions del = DeleteOptions.from(opts, req.getParam("propagationPolicy"),
          req.getParam("orphanDependents"));
      if (info.name() == null) {
        deleteCollection(req, type, ns, del, ctx);
        return;
      }
      Operations.DeleteResult result = ops.delete(type, ns, info.name(), del, ctx);
      if (result.deleted()) {
        writeJson(req.response(), 200, successStatus(type, result.object()));
      } else {
        boolean accepted = del.orphanDependents() != null && !del.orphanDependents();
        writeJson(req.response(), accepted ? 202 : 200, result.object());
      }
    } else {
      throw ApiException.methodNotAllowed("method " + m + " is not supported");
    }
  }

  private void deleteCollection(HttpServerRequest req, ResourceType type, String ns,
      DeleteOptions del, RequestContext ctx) {
    ObjectNode list = ops.list(type, ns, listOptions(req, type));
    for (JsonNode item : list.get("items")) {
      try {
        ops.delete(type, Json.textAt(item, "metadata", "namespace"),
            Json.textAt(item, "metadata", "name"), del, ctx);
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    writeJson(req.response(), 200, list);
  }

  private void watch(HttpServerRequest req, ResourceType type, RequestInfo info) {
    ListOptions options = listOptions(req, type);
    long from = longParam("resourceVersion", options.resourceVersion());
    long timeoutSeconds = longParam("timeoutSeconds", req.getParam("timeoutSeconds"));
    boolean bookmarks = "true".equals(req.getParam("allowWatchBookmarks"));
    Context context = vertx.getOrCreateContext();
    UnaryOperator<ObjectNode> view = TableRenderer.wantsTable(req.getHeader("Accept"))
        ? tableRenderer(req, type)::single : null;
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

  private static long longParam(String name, String value) {
    try {
      return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name.equals("resourceVersion")
          ? "invalid resource version: " + value : "invalid " + name + ": " + value);
    }
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

  private void discovery(HttpServerRequest req, RequestInfo info) {
    ResourceRegistry registry = ops.registry();
    HttpServerResponse resp = req.response();
    boolean root = info.group() == null || (info.group().isEmpty() && info.version() == null);
    if (root && AggregatedDiscovery.accepted(req.getHeader("Accept"))) {
      resp.putHeader("Content-Type", AggregatedDiscovery.CONTENT_TYPE).setStatusCode(200)
          .end(Buffer.buffer(Json.bytes(AggregatedDiscovery.list(registry, info.group() != null))));
      return;
    }
    if (info.group() == null) {
      writeJson(resp, 200, Discovery.groupList(registry));
    } else if (info.group().isEmpty() && info.version() == null) {
      writeJson(resp, 200, Discovery.coreVersions(serverAddress));
    } else if (info.version() == null) {
      List<String> versions = registry.groupVersions().get(info.group());
      if (versions == null) {
        throw ApiException.notFound("the server could not find the requested resource");
      }
      writeJson(resp, 200, Discovery.group(info.group(), versions));
    } else {
      List<ResourceType> types = registry.inGroupVersion(info.group(), info.version());
      if (types.isEmpty()) {
        throw ApiException.notFound("the server could not find the requested resource");
      }
      writeJson(resp, 200, Discovery.resourceList(info.group(), info.version(), types));
    }
  }

  private void openApi(HttpServerRequest req, String path) {
    OpenApiDocuments docs = new OpenApiDocuments(ops.registry());
    if (path.equals("/openapi/v2")) {
      writeJson(req.response(), 200, OpenApiDocuments.swagger());
    } else if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
      writeJson(req.response(), 200, docs.index());
    } else {
      ObjectNode doc = docs.document(path.substring("/openapi/v3/".length())).orElseThrow(
          () -> ApiException.notFound("the server could not find the requested resource"));
      writeJson(req.response(), 200, doc);
    }
  }

  private static TableRenderer tableRenderer(HttpServerRequest req, ResourceType type) {
    return new TableRenderer(type, req.getParam("includeObject"), Clock.systemUTC());
  }

  private static boolean isWatch(HttpServerRequest req) {
    String w = req.getParam("watch");
    return "true".equals(w) || "1".equals(w);
  }

  static ListOptions listOptions(HttpServerRequest req, ResourceType type) {
    String limit = req.getParam("limit");
    int n;
    try {
      n = limit == null || limit.isEmpty() ? 0 : Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid limit: " + limit);
    }
    return new ListOptions(LabelSelector.parse(req.getParam("labelSelector")),
        FieldSelector.forKind(req.getParam("fieldSelector"), type.group(),
            type.kind()), n, req.getParam("continue"),
        req.getParam("resourceVersion"));
  }

  private static RequestContext context(HttpServerRequest req, Authenticator.User user) {
    String manager = req.getParam("fieldManager");
    if (manager == null || manager.isEmpty()) {
      manager = defaultManager(req.getHeader("User-Agent"));
    }
    List<String> dryRun = req.params().getAll("dryRun");
    boolean isDryRun = dryRun.contains("All");
    if (!dryRun.isEmpty() && !isDryRun) {
      throw ApiException.badRequest("dryRun: Unsupported value: " + dryRun
          + ": supported values: \"All\"");
    }
    return new RequestContext(user.name(), user.groups(), manager, isDryRun,
        "true".equals(req.getParam("force")));
  }

  /** The API server names an unnamed manager after the user agent's product token. */
  static String defaultManager(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "unknown";
    }
    String product = userAgent.split("[/ ]", 2)[0];
    return product.length() > 128 ? product.substring(0, 128) : product;
  }

  private static void requireName(RequestInfo info) {
    if (info.name() == null) {
      throw ApiException.methodNotAllowed("the operation requires a name");
    }
  }

  private static ObjectNode objectBody(HttpServerRequest req, Buffer body) {
    String ct = req.getHeader("Content-Type");
    boolean yaml = ct != null && ct.contains("yaml");
    if (ct != null && ct.contains("protobuf")) {
      // kubectl's typed clients (create namespace/configmap/deployment...) only send protobuf.
      return ProtobufObjects.decode(body.getBytes());
    }
    JsonNode node = parse(body, yaml);
    if (!(node instanceof ObjectNode obj)) {
      throw ApiException.badRequest("the body of the request must be a JSON object");
    }
    return obj;
  }

  private static JsonNode parse(Buffer body, boolean yaml) {
    if (body == null || body.length() == 0) {
      throw ApiException.badRequest("the body of the request was empty");
    }
    try {
      JsonNode node = Json.parse(body.getBytes(), yaml);
      if (node == null || node.isMissingNode()) {
        throw ApiException.badRequest("the body of the request was empty");
      }
      return node;
    } catch (IOException e) {
      throw ApiException.badRequest("the body of the request could not be decoded: "
          + e.getMessage().split("\n")[0]);
    }
  }

  static ObjectNode successStatus(ResourceType type, ObjectNode obj) {
    ObjectNode status = Json.object();
    status.put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success");
    ObjectNode details = status.putObject("details");
    details.put("name", Json.textAt(obj, "metadata", "name"));
    if (!type.group().isEmpty()) {
      details.put("group", type.group());
    }
    details.put("kind", type.plural());
    details.put("uid", Json.textAt(obj, "metadata", "uid"));
    return status;
  }

  static void writeJson(HttpServerResponse resp, int code, JsonNode body) {
    resp.setStatusCode(code).putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(Json.bytes(body)));
  }

  static void writeError(HttpServerResponse resp, ApiException e) {
    if (resp.ended() || resp.closed()) {
      return;
    }
    if (e.retryAfterSeconds() != null) {
      resp.putHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
    }
    writeJson(resp, e.code(), e.toStatus());
  }

  /** Decides whether an authenticated user may make a request, before anything else runs. */
  public interface RequestAuthorizer {
    /** Returns when the request is allowed; throws (a 403 {@link ApiException}) when not. */
    void authorize(HttpServerRequest request, Authenticator.User user);
  }

  /** Replaces the authorizer, which allows everything until one is set. */
  public void setAuthorizer(RequestAuthorizer newAuthorizer) {
    this.authorizer = newAuthorizer;
  }
}
