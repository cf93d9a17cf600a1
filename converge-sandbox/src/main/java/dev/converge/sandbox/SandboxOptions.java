package dev.converge.sandbox;

import dev.converge.sandbox.auth.StaticToken;
import dev.converge.sandbox.auth.StaticTokens;
import dev.converge.sandbox.controllers.ControllerOptions;
import dev.converge.sandbox.store.ObjectStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * SandboxOptions configure a sandbox: where it listens, how clients authenticate and how much
 * watch history it keeps. Immutable; each {@code with...} returns a changed copy.
 *
 * <pre>{@code
 * Sandbox.start(SandboxOptions.defaults().withPort(6443).withCertDir(Path.of("pki")));
 * }</pre>
 */
public final class SandboxOptions {
  /**
   * A bearer token and the user it authenticates, like a line of a static token file.
   *
   * @param token the bearer token
   * @param user user name
   * @param groups groups of the user
   */
  public record TokenUser(String token, String user, List<String> groups) {
    public TokenUser {
      Objects.requireNonNull(token, "token == null");
      Objects.requireNonNull(user, "user == null");
      groups = List.copyOf(groups);
    }
  }

  private String host = "127.0.0.1";
  private int port;
  private String adminToken;
  private int eventLoops = 2;
  private Clock clock = Clock.systemUTC();
  private boolean plainHttp;
  private Path certDir;
  private List<TokenUser> tokens = List.of();
  private int watchHistory = ObjectStore.DEFAULT_HISTORY;
  private Path dataDir;
  private boolean controllers = true;
  private ControllerOptions controllerOptions = ControllerOptions.defaults();

  private SandboxOptions() {}

  private SandboxOptions copy() {
    SandboxOptions o = new SandboxOptions();
    o.host = host;
    o.port = port;
    o.adminToken = adminToken;
    o.eventLoops = eventLoops;
    o.clock = clock;
    o.plainHttp = plainHttp;
    o.certDir = certDir;
    o.tokens = tokens;
    o.watchHistory = watchHistory;
    o.dataDir = dataDir;
    o.controllers = controllers;
    o.controllerOptions = controllerOptions;
    return o;
  }

  /** HTTPS on a free port of 127.0.0.1, a fresh CA and a generated admin token. */
  public static SandboxOptions defaults() {
    return new SandboxOptions();
  }

  /** Loopback address to bind. */
  public String host() {
    return host;
  }

  /** Port to bind, 0 for a free one. */
  public int port() {
    return port;
  }

  /** Bearer token of the admin user, null to generate one. */
  public String adminToken() {
    return adminToken;
  }

  /** Vert.x event loops serving HTTP. */
  public int eventLoops() {
    return eventLoops;
  }

  /** Clock for timestamps. */
  public Clock clock() {
    return clock;
  }

  /** Whether to serve plain HTTP instead of HTTPS. */
  public boolean plainHttp() {
    return plainHttp;
  }

  /** Directory keeping the CA across restarts, null for a fresh CA each start. */
  public Path certDir() {
    return certDir;
  }

  /** Further bearer tokens and the users they identify. */
  public List<TokenUser> tokens() {
    return tokens;
  }

  /** Events kept for watches to resume from; older resourceVersions answer 410 Gone. */
  public int watchHistory() {
    return watchHistory;
  }

  public SandboxOptions withHost(String newHost) {
    SandboxOptions o = copy();
    o.host = Objects.requireNonNull(newHost, "host == null");
    return o;
  }

  public SandboxOptions withPort(int newPort) {
    SandboxOptions o = copy();
    o.port = newPort;
    return o;
  }

  public SandboxOptions withAdminToken(String token) {
    SandboxOptions o = copy();
    o.adminToken = token;
    return o;
  }

  public SandboxOptions withClock(Clock newClock) {
    SandboxOptions o = copy();
    o.clock = Objects.requireNonNull(newClock, "clock == null");
    return o;
  }

  /** Serves plain HTTP: no CA, {@code http://} URL. */
  public SandboxOptions withPlainHttp() {
    SandboxOptions o = copy();
    o.plainHttp = true;
    return o;
  }

  /** Keeps the CA in {@code dir} ({@code ca.crt}, {@code ca.key}), creating it on first use. */
  public SandboxOptions withCertDir(Path dir) {
    SandboxOptions o = copy();
    o.certDir = dir;
    return o;
  }

  /** Adds a bearer token that authenticates as {@code user} in {@code groups}. */
  public SandboxOptions withToken(String token, String user, String... groups) {
    List<TokenUser> more = new ArrayList<>(tokens);
    more.add(new TokenUser(token, user, List.of(groups)));
    SandboxOptions o = copy();
    o.tokens = List.copyOf(more);
    return o;
  }

  /** Keeps {@code events} events of history (small values let tests force 410 Gone). */
  public SandboxOptions withWatchHistory(int events) {
    if (events < 1) {
      throw new IllegalArgumentException("watchHistory < 1: " + events);
    }
    SandboxOptions o = copy();
    o.watchHistory = events;
    return o;
  }

  /** Directory keeping objects, CA and admin token across restarts, null to keep them in memory. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Keeps the sandbox's state in {@code dir}: every acknowledged write is synced to a log there
   * first, so a restart with the same directory has every object, the same CA (in
   * {@code dir/pki} unless {@link #withCertDir} says otherwise) and the same admin token (in
   * {@code dir/admin-token} unless {@link #withAdminToken} says otherwise). One sandbox at a time.
   */
  public SandboxOptions withDataDir(Path dir) {
    SandboxOptions o = copy();
    o.dataDir = dir;
    return o;
  }

  /**
   * Adds every token of a kube-apiserver static token file (CSV lines
   * {@code token,user,uid,"group1,group2"}), read now.
   */
  public SandboxOptions withTokenFile(Path file) {
    SandboxOptions o = this;
    for (StaticToken t : StaticTokens.readFile(file)) {
      o = o.withToken(t.token(), t.user(), t.groups().toArray(String[]::new));
    }
    return o;
  }

  /** Whether the simulated workload controllers run (they do by default). */
  public boolean controllers() {
    return controllers;
  }

  /** Settings of the simulated controllers: fake nodes, pod start and run times. */
  public ControllerOptions controllerOptions() {
    return controllerOptions;
  }

  /**
   * Starts the sandbox with or without its simulated workload controllers; without them it is
   * an API server alone (nothing schedules pods or fills in workload status).
   */
  public SandboxOptions withControllers(boolean run) {
    SandboxOptions o = copy();
    o.controllers = run;
    return o;
  }

  public SandboxOptions withControllerOptions(ControllerOptions newOptions) {
    SandboxOptions o = copy();
    o.controllerOptions = Objects.requireNonNull(newOptions, "controllerOptions == null");
    return o;
  }

  /**
   * Runs the simulated controllers on {@code workers} threads (default 4, as
   * {@link ControllerOptions#DEFAULT_WORKERS}); 1 reconciles one object at a time.
   */
  public SandboxOptions withControllerWorkers(int workers) {
    return withControllerOptions(controllerOptions.withWorkers(workers));
  }
}
