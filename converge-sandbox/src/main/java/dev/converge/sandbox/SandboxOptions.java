package dev.converge.sandbox;

import dev.converge.sandbox.store.ObjectStore;
import java.time.Clock;

/**
 * SandboxOptions configure a sandbox: where it listens and how clients authenticate.
 *
 * @param host loopback address to bind
 * @param port port, 0 for a free one
 * @param adminToken bearer token of the admin user, null to generate one
 * @param eventLoops Vert.x event loops serving HTTP
 * @param clock clock for timestamps
 * @param watchHistory events the store keeps for watches to resume from; older
 *     resourceVersions answer 410 Gone (small values let tests force compaction)
 */
public record SandboxOptions(String host, int port, String adminToken, int eventLoops,
    Clock clock, int watchHistory) {

  public static SandboxOptions defaults() {
    return new SandboxOptions("127.0.0.1", 0, null, 2, Clock.systemUTC(),
        ObjectStore.DEFAULT_HISTORY);
  }

  public SandboxOptions withWatchHistory(int events) {
    if (events < 1) {
      throw new IllegalArgumentException("watchHistory < 1: " + events);
    }
    return new SandboxOptions(host, port, adminToken, eventLoops, clock, events);
  }

  public SandboxOptions withPort(int newPort) {
    return new SandboxOptions(host, newPort, adminToken, eventLoops, clock, watchHistory);
  }

  public SandboxOptions withAdminToken(String token) {
    return new SandboxOptions(host, port, token, eventLoops, clock, watchHistory);
  }
}
