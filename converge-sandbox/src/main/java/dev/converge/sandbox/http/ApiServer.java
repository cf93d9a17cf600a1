package dev.converge.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceRegistry;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.http.openapi.OpenApiDocuments;
import dev.converge.sandbox.http.table.TableRenderer;
import dev.converge.sandbox.patch.PatchType;
import dev.converge.sandbox.server.DeleteOptions;
import dev.converge.sandbox.server.Operations;
import dev.converge.sandbox.server.RequestContext;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemKeyCertOptions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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

  private final WatchEndpoint watchEndpoint;

  public ApiServer(Vertx vertx, Operations ops, Authenticator auth) {
    this.vertx = vertx;
    this.ops = ops;
    this.auth = auth;
    this.watchEndpoint = new WatchEndpoint(vertx, ops, watches, watchObservers);
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
        Responses.writeJson(req.response(), 200, Discovery.version());
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
      Responses.writeError(req.response(), e);
    } catch (RuntimeException e) {
      LOG.warn("request {} {} failed", req.method(), req.uri(), e);
      Responses.writeError(req.response(), ApiException.internal(String.valueOf(e.getMessage())));
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
      Responses.writeError(req.response(), e);
    } catch (RuntimeException e) {
      LOG.warn("request {} {} failed", req.method(), req.uri(), e);
      Responses.writeError(req.response(), ApiException.internal(String.valueOf(e.getMessage())));
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
    if (req.method() == HttpMethod.GET && info.name() == null && RequestParsing.isWatch(req)) {
      watchEndpoint.watch(req, type, info);
      return;
    }
    req.body().onSuccess(body -> {
      try {
        dispatch(req, type, info, user, body);
      } catch (ApiException e) {
        Responses.writeError(req.response(), e);
      } catch (RuntimeException e) {
        LOG.warn("request {} {} failed", req.method(), req.uri(), e);
        Responses.writeError(req.response(), ApiException.internal(String.valueOf(e.getMessage())));
      }
    }).onFailure(t -> Responses.writeError(req.response(), ApiException.badRequest(t.getMessage())));
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
    RequestContext ctx = RequestParsing.context(req, user);
    String ns = info.namespace();
    HttpMethod m = req.method();
    if (info.subresource() != null && info.subresource().equals("scale")) {
      Scale.handle(req, ops, type, info, ctx, body, this);
      return;
    }
    if (m == HttpMethod.GET) {
      ObjectNode found = info.name() == null ? ops.list(type, ns, RequestParsing.listOptions(req, type))
          : ops.get(type, ns, info.name());
      if (TableRenderer.wantsTable(req.getHeader("Accept"))) {
        TableRenderer tables = tableRenderer(req, type);
        ObjectNode table = info.name() == null ? tables.list(found) : tables.single(found);
        req.response().putHeader("Content-Type", TableRenderer.CONTENT_TYPE);
        req.response().setStatusCode(200).end(Buffer.buffer(Json.bytes(table)));
      } else {
        Responses.writeJson(req.response(), 200, found);
      }
    } else if (m == HttpMethod.POST) {
      if (info.name() != null) {
        throw ApiException.methodNotAllowed("POST is not supported on a named object");
      }
      ObjectNode obj = RequestParsing.objectBody(req, body);
      Responses.writeJson(req.response(), 201, ops.create(type, ns, obj, ctx));
    } else if (m == HttpMethod.PUT) {
      RequestParsing.requireName(info);
      ObjectNode obj = RequestParsing.objectBody(req, body);
      Responses.writeJson(req.response(), 200,
          ops.update(type, ns, info.name(), obj, info.subresource(), ctx));
    } else if (m == HttpMethod.PATCH) {
      RequestParsing.requireName(info);
      PatchType patchType = PatchType.fromContentType(req.getHeader("Content-Type"));
      JsonNode patch = RequestParsing.parse(body, patchType == PatchType.APPLY_YAML);
      Responses.writeJson(req.response(), 200,
          ops.patch(type, ns, info.name(), patchType, patch, info.subresource(), ctx));
    } else if (m == HttpMethod.DELETE) {
      JsonNode opts = body.length() == 0 ? null : RequestParsing.parse(body, false);
      DeleteOptions del = DeleteOptions.from(opts, req.getParam("propagationPolicy"),
          req.getParam("orphanDependents"));
      if (info.name() == null) {
        deleteCollection(req, type, ns, del, ctx);
        return;
      }
      Operations.DeleteResult result = ops.delete(type, ns, info.name(), del, ctx);
      if (result.deleted()) {
        Responses.writeJson(req.response(), 200, Responses.successStatus(type, result.object()));
      } else {
        boolean accepted = del.orphanDependents() != null && !del.orphanDependents();
        Responses.writeJson(req.response(), accepted ? 202 : 200, result.object());
      }
    } else {
      throw ApiException.methodNotAllowed("method " + m + " is not supported");
    }
  }

  private void deleteCollection(HttpServerRequest req, ResourceType type, String ns,
      DeleteOptions del, RequestContext ctx) {
    ObjectNode list = ops.list(type, ns, RequestParsing.listOptions(req, type));
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
    Responses.writeJson(req.response(), 200, list);
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
      Responses.writeJson(resp, 200, Discovery.groupList(registry));
    } else if (info.group().isEmpty() && info.version() == null) {
      Responses.writeJson(resp, 200, Discovery.coreVersions(serverAddress));
    } else if (info.version() == null) {
      List<String> versions = registry.groupVersions().get(info.group());
      if (versions == null) {
        throw ApiException.notFound("the server could not find the requested resource");
      }
      Responses.writeJson(resp, 200, Discovery.group(info.group(), versions));
    } else {
      List<ResourceType> types = registry.inGroupVersion(info.group(), info.version());
      if (types.isEmpty()) {
        throw ApiException.notFound("the server could not find the requested resource");
      }
      Responses.writeJson(resp, 200, Discovery.resourceList(info.group(), info.version(), types));
    }
  }

  private void openApi(HttpServerRequest req, String path) {
    OpenApiDocuments docs = new OpenApiDocuments(ops.registry());
    if (path.equals("/openapi/v2")) {
      Responses.writeJson(req.response(), 200, OpenApiDocuments.swagger());
    } else if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
      Responses.writeJson(req.response(), 200, docs.index());
    } else {
      ObjectNode doc = docs.document(path.substring("/openapi/v3/".length())).orElseThrow(
          () -> ApiException.notFound("the server could not find the requested resource"));
      Responses.writeJson(req.response(), 200, doc);
    }
  }

  static TableRenderer tableRenderer(HttpServerRequest req, ResourceType type) {
    return new TableRenderer(type, req.getParam("includeObject"), Clock.systemUTC());
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
