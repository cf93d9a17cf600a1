package dev.converge.sandbox;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * SandboxOptions configure a sandbox: where it listens and how clients authenticate.
 *
 * @param host loopback address to bind
 * @param port port, 0 for a free one
 * @param adminToken bearer token of the admin user, null to generate one
 * @param eventLoops Vert.x event loops serving HTTP
 * @param clock clock for timestamps
 * @param plainHttp serve plain HTTP instead of HTTPS
 * @param certDir directory keeping the CA across restarts, null for a fresh CA each start
 * @param tokens further bearer tokens and the users they identify
 */
public record SandboxOptions(String host, int port, String adminToken, int eventLoops,
    Clock clock, boolean plainHttp, Path certDir, List<TokenUser> tokens) {

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

  public SandboxOptions {
    Objects.requireNonNull(host, "host == null");
    tokens = List.copyOf(tokens);
  }

  /** HTTPS on a free port of 127.0.0.1, a fresh CA and a generated admin token. */
  public static SandboxOptions defaults() {
    return new SandboxOptions("127.0.0.1", 0, null, 2, Clock.systemUTC(), false, null, List.of());
  }

  public SandboxOptions withHost(String newHost) {
    return new SandboxOptions(newHost, port, adminToken, eventLoops, clock, plainHttp, certDir,
        tokens);
  }

  public SandboxOptions withPort(int newPort) {
    return new SandboxOptions(host, newPort, adminToken, eventLoops, clock, plainHttp, certDir,
        tokens);
  }

  public SandboxOptions withAdminToken(String token) {
    return new SandboxOptions(host, port, token, eventLoops, clock, plainHttp, certDir, tokens);
  }

  /** Serves plain HTTP: no CA, {@code http://} URL. */
  public SandboxOptions withPlainHttp() {
    return new SandboxOptions(host, port, adminToken, eventLoops, clock, true, certDir, tokens);
  }

  /** Keeps the CA in {@code dir} ({@code ca.crt}, {@code ca.key}), creating it on first use. */
  public SandboxOptions withCertDir(Path dir) {
    return new SandboxOptions(host, port, adminToken, eventLoops, clock, plainHttp, dir, tokens);
  }

  /** Adds a bearer token that authenticates as {@code user} in {@code groups}. */
  public SandboxOptions withToken(String token, String user, String... groups) {
    List<TokenUser> more = new ArrayList<>(tokens);
    more.add(new TokenUser(token, user, List.of(groups)));
    return new SandboxOptions(host, port, adminToken, eventLoops, clock, plainHttp, certDir, more);
  }
}
