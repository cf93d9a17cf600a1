package dev.converge.sandbox;

import dev.converge.sandbox.schema.SchemaRegistry;
import java.time.Clock;

/**
 * SandboxOptions configure a sandbox: where it listens and how clients authenticate.
 *
 * @param host loopback address to bind
 * @param port port, 0 for a free one
 * @param adminToken bearer token of the admin user, null to generate one
 * @param eventLoops Vert.x event loops serving HTTP
 * @param clock clock for timestamps
 * @param schemas merge structure of kinds for apply and strategic merge; null for the built-in
 *     tables
 */
public record SandboxOptions(String host, int port, String adminToken, int eventLoops,
    Clock clock, SchemaRegistry schemas) {

  public SandboxOptions(String host, int port, String adminToken, int eventLoops, Clock clock) {
    this(host, port, adminToken, eventLoops, clock, null);
  }

  public static SandboxOptions defaults() {
    return new SandboxOptions("127.0.0.1", 0, null, 2, Clock.systemUTC());
  }

  public SandboxOptions withSchemas(SchemaRegistry registry) {
    return new SandboxOptions(host, port, adminToken, eventLoops, clock, registry);
  }

  public SandboxOptions withPort(int newPort) {
    return new SandboxOptions(host, newPort, adminToken, eventLoops, clock, schemas);
  }

  public SandboxOptions withAdminToken(String token) {
    return new SandboxOptions(host, port, token, eventLoops, clock, schemas);
  }
}
