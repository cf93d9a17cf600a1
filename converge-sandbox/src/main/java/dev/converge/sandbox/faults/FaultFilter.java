package dev.converge.sandbox.faults;

import dev.converge.sandbox.http.ApiServer;
import dev.converge.sandbox.http.BrokenConnections;
import dev.converge.sandbox.http.RequestInfo;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * FaultFilter counts each API request and applies the request-time fault rules that hit it:
 * latency on a Vert.x timer (the request is paused meanwhile so its body waits), then the first
 * answering action, or the normal handling (followed by a reset for {@code reset-after-commit}).
 */
final class FaultFilter implements ApiServer.RequestFilter {
  /** Paths of the sandbox's own endpoints, neither counted nor faulted. */
  static final String OWN_PREFIX = "/converge/";

  private final Vertx vertx;
  private final ApiServer server;
  private final Faults faults;
  private final RequestCounts counts;

  FaultFilter(Vertx vertx, ApiServer server, Faults faults, RequestCounts counts) {
    this.vertx = vertx;
    this.server = server;
    this.faults = faults;
    this.counts = counts;
  }

  @Override
  public boolean handle(HttpServerRequest req, RequestInfo info) {
    if (req.path().startsWith(OWN_PREFIX)) {
      return false;
    }
    String watchParam = req.getParam("watch");
    Verb verb = Verb.of(req.method().name(), info,
        "true".equals(watchParam) || "1".equals(watchParam));
    RequestView view = new RequestView(verb, req.path(), req::getHeader);
    RequestCounts.Pending counted = counts.begin(record(verb, info, req));
    req.response().headersEndHandler(v -> counted.finish(
        Integer.toString(req.response().getStatusCode())));
    boolean webSocket = "websocket".equalsIgnoreCase(req.getHeader("Upgrade"));
    List<FaultAction> hits = faults.requestHits(view);
    long latency = 0;
    FaultAction answer = null;
    for (FaultAction a : hits) {
      if (a instanceof FaultAction.Latency l) {
        latency += l.delay().toMillis();
      } else if (answer == null) {
        answer = a;
      }
    }
    if (answer instanceof FaultAction.ResetAfterCommit) {
      // Served as usual; the reset replaces the response once the request has taken effect.
      req.response().headersEndHandler(v -> {
        counted.finish(RequestRecord.RESET);
        BrokenConnections.resetBeforeResponse(req.connection());
      });
      answer = null;
    }
    if (latency == 0 && answer == null) {
      if (webSocket) {
        counted.finish("101");
      }
      return false;
    }
    if (latency == 0) {
      answer(req, answer, counted);
      return true;
    }
    FaultAction then = answer;
    req.pause();
    vertx.setTimer(latency, t -> {
      if (then != null) {
        answer(req, then, counted);
      } else {
        if (webSocket) {
          counted.finish("101");
        }
        server.proceed(req, info);
      }
      req.resume();
    });
    return true;
  }

  private void answer(HttpServerRequest req, FaultAction action, RequestCounts.Pending counted) {
    if (action instanceof FaultAction.Respond respond) {
      StatusResponses.write(req.response(), respond);
    } else if (action instanceof FaultAction.Reset) {
      counted.finish(RequestRecord.RESET);
      BrokenConnections.reset(req.connection());
    } else if (action instanceof FaultAction.Refuse refuse) {
      counted.finish(RequestRecord.REFUSED);
      // Answer only once the socket is closed, so the client's next connection is refused.
      faults.refuseConnections(refuse.period())
          .onComplete(v -> BrokenConnections.reset(req.connection()));
    }
  }

  private static RequestRecord record(Verb verb, RequestInfo info, HttpServerRequest req) {
    boolean resource = info != null && !info.isDiscovery();
    return new RequestRecord(verb.lower(),
        resource ? info.group() : "", resource ? info.resource() : "",
        resource && info.subresource() != null ? info.subresource() : "",
        info != null && info.namespace() != null ? info.namespace() : "",
        product(req.getHeader("User-Agent")), RequestRecord.PENDING);
  }

  /** The product token of a User-Agent, as the API server names default field managers. */
  static String product(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "unknown";
    }
    return userAgent.split("[/ ]", 2)[0];
  }
}
