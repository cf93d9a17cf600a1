package dev.converge.sandbox.faults;

import dev.converge.sandbox.http.ApiServer;
import dev.converge.sandbox.http.WatchControl;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults are the fault rules in force on one sandbox. Rules apply in the order added; every
 * matching rule counts the match, latencies add up, and the first other action answers.
 *
 * <pre>{@code
 * FaultHandle h = sandbox.faults().add(FaultRule.builder().verbs(Verb.CREATE)
 *     .path("/api/v1/**").tooManyRequests(2).count(1).build());
 * ...
 * sandbox.faults().remove(h);
 * }</pre>
 */
public final class Faults {
  private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

  private final Vertx vertx;
  private final ApiServer server;
  private final List<ActiveRule> rules = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicBoolean refusing = new AtomicBoolean();
  private final WatchFaults watches;

  private Faults(Vertx vertx, ApiServer server) {
    this.vertx = vertx;
    this.server = server;
    this.watches = new WatchFaults(vertx, this);
  }

  /** Installs fault injection and request counting on {@code server}, behind earlier filters. */
  public static Faults attach(Vertx vertx, ApiServer server, RequestCounts counts) {
    Faults faults = new Faults(vertx, server);
    server.addFilter(new FaultFilter(vertx, server, faults, counts));
    server.addWatchObserver(faults.watches::watchStarted);
    return faults;
  }

  public FaultHandle add(FaultRule rule) {
    ActiveRule active = new ActiveRule(new FaultHandle(ids.incrementAndGet()), rule);
    rules.add(active);
    if (rule.action() instanceof FaultAction.DropWatch) {
      watches.ruleAdded(active);
    }
    return active.handle();
  }

  /** Adds the rule of a compact spec; see {@link FaultSpec}. */
  public FaultHandle add(String spec) {
    return add(FaultSpec.parse(spec));
  }

  /** Removes a rule; false when it was not in force. */
  public boolean remove(FaultHandle handle) {
    return rules.removeIf(r -> r.handle().equals(handle));
  }

  public void clear() {
    rules.clear();
  }

  /** The rules in force, with how often each matched and hit. */
  public List<ActiveRule> rules() {
    return List.copyOf(rules);
  }

  public Optional<ActiveRule> rule(FaultHandle handle) {
    return rules.stream().filter(r -> r.handle().equals(handle)).findFirst();
  }

  /**
   * Stops accepting connections for {@code period}: the listening socket and every open
   * connection are closed, and the server listens on the same port again afterwards, so
   * clients meet "Connection refused" meanwhile. A refusal already under way is not extended.
   * The future completes once the socket is closed.
   */
  public io.vertx.core.Future<Void> refuseConnections(Duration period) {
    if (!refusing.compareAndSet(false, true)) {
      return io.vertx.core.Future.succeededFuture();
    }
    return server.stopListening().onComplete(stopped -> vertx.setTimer(
        Math.max(1, period.toMillis()), t -> server.listenAgain().onComplete(again -> {
          refusing.set(false);
          if (again.failed()) {
            LOG.warn("could not listen again after refusing connections", again.cause());
          }
        })));
  }

  /** The request-time actions of the rules that hit this request, each counting the match. */
  List<FaultAction> requestHits(RequestView request) {
    return hits(request, a -> !a.onWatchStream());
  }

  /** The actions of {@code which} rules that hit this request, each counting the match. */
  List<FaultAction> hits(RequestView request, Predicate<FaultAction> which) {
    List<FaultAction> hit = new ArrayList<>();
    for (ActiveRule r : rules) {
      if (which.test(r.rule().action()) && r.rule().matches(request) && r.hit()) {
        hit.add(r.rule().action());
      }
    }
    return hit;
  }

  /** Whether {@code rule} hits {@code watch}, counting the match. */
  boolean hits(ActiveRule rule, WatchControl watch) {
    return rule.rule().matches(WatchFaults.view(watch)) && rule.hit();
  }
}
