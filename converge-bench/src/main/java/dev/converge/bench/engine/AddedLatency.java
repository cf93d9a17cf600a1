package dev.converge.bench.engine;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.faults.FaultHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * AddedLatency makes the in-process sandbox answer like a cluster over a network: every request of
 * the tools under test waits {@code delay} before the server handles it (a sandbox {@code latency}
 * fault rule per tool, matched by User-Agent prefix). On loopback a request costs about a
 * millisecond, so a tool that goes one request at a time pays nearly nothing for it; a real API
 * server is several milliseconds away. The simulated controllers (User-Agent {@code
 * converge-sandbox-controllers}), the harness's admin client and the ceiling's client are not
 * slowed, so the cluster itself reacts as fast as before.
 */
record AddedLatency(Duration delay) {
  static final AddedLatency NONE = new AddedLatency(Duration.ZERO);

  /**
   * User-Agent prefixes of the tools: converge and the fabric8 programs set theirs; kubectl and
   * kpt send {@code kubectl/v1.x ...} and {@code kpt/...}.
   */
  static final List<String> TOOL_AGENTS = List.of("converge/", "kubectl/", "kpt", "fabric8/", "poll-2s/");

  /** {@code 5ms}, {@code 0} or empty for none. */
  static AddedLatency parse(String text) {
    String t = text.trim();
    if (t.isEmpty() || t.equals("0")) {
      return NONE;
    }
    if (!t.endsWith("ms")) {
      throw new IllegalArgumentException("bench.latency: milliseconds expected, e.g. 5ms; got " + text);
    }
    return new AddedLatency(Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))));
  }

  boolean none() {
    return delay.isZero();
  }

  /** Label in the report and the log, e.g. "in-process" or "+5 ms per request". */
  String label() {
    return none() ? "in-process" : "+" + delay.toMillis() + " ms per request";
  }

  /** Installs the rules; closing the result removes them. */
  AutoCloseable install(Sandbox sandbox) {
    List<FaultHandle> handles = new ArrayList<>();
    if (!none()) {
      for (String agent : TOOL_AGENTS) {
        handles.add(sandbox.faults().add("client=" + agent + ",latency=" + delay.toMillis() + "ms"));
      }
    }
    return () -> handles.forEach(sandbox.faults()::remove);
  }
}
