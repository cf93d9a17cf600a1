package dev.converge.rollout;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * MetricsEndpoint serves a registry's counters, gauges and timers in the Prometheus text format
 * on {@code /metrics}, on the loopback address (expose it deliberately, e.g. via a sidecar).
 */
final class MetricsEndpoint implements AutoCloseable {
  private final HttpServer server;

  MetricsEndpoint(MeterRegistry registry, int port) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not listen for metrics on port " + port, e);
    }
    server.createContext("/metrics", exchange -> {
      byte[] body = render(registry).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  static String render(MeterRegistry registry) {
    StringBuilder out = new StringBuilder();
    registry.getMeters().stream().sorted(Comparator.comparing(m -> m.getId().getName()))
        .forEach(m -> write(out, m));
    return out.toString();
  }

  private static void write(StringBuilder out, Meter m) {
    String name = m.getId().getName().replace('.', '_');
    String tags = m.getId().getTags().isEmpty() ? "" : m.getId().getTags().stream()
        .map(t -> t.getKey() + "=\"" + t.getValue().replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(",", "{", "}"));
    if (m instanceof Counter c) {
      out.append("# TYPE ").append(name).append("_total counter\n")
          .append(name).append("_total").append(tags).append(' ').append(c.count()).append('\n');
    } else if (m instanceof Gauge g) {
      out.append("# TYPE ").append(name).append(" gauge\n")
          .append(name).append(tags).append(' ').append(g.value()).append('\n');
    } else if (m instanceof Timer t) {
      out.append("# TYPE ").append(name).append("_seconds summary\n")
          .append(name).append("_seconds_count").append(tags).append(' ').append(t.count())
          .append('\n').append(name).append("_seconds_sum").append(tags).append(' ')
          .append(t.totalTime(TimeUnit.NANOSECONDS) / 1e9).append('\n');
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
