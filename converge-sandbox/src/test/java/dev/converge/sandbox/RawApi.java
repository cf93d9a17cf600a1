package dev.converge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.sandbox.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

/**
 * Test helper: raw HTTP(S) against a sandbox, trusting its CA, for what fabric8 hides (raw statuses, malformed
 * bodies, watch lines such as bookmarks, streams ending).
 */
public final class RawApi {
  private final Sandbox sandbox;
  private final HttpClient http;

  public RawApi(Sandbox sandbox) {
    this.sandbox = sandbox;
    this.http = SandboxFixture.jdkClient(sandbox);
  }

  /** A response's status and body. */
  public record Response(int code, String body) {
    /** The body parsed as JSON. */
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("response body is not JSON: " + body, e);
      }
    }
  }

  public Response send(String method, String path, String contentType, String body) {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(sandbox.url() + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + sandbox.adminToken())
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      req.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(resp.statusCode(), resp.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response get(String path) {
    return send("GET", path, null, null);
  }

  public Response delete(String path) {
    return send("DELETE", path, null, null);
  }

  /** An open watch: its lines as they arrive, and a future completed when the stream ends. */
  public record WatchLines(BlockingQueue<String> lines, CompletableFuture<Void> ended) {}

  public WatchLines watch(String path) {
    HttpRequest req = HttpRequest.newBuilder(URI.create(sandbox.url() + path))
        .header("Authorization", "Bearer " + sandbox.adminToken()).GET().build();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    CompletableFuture<Void> ended = http.sendAsync(req, HttpResponse.BodyHandlers.ofLines())
        .thenAccept(resp -> {
          try (Stream<String> body = resp.body()) {
            body.forEach(lines::add);
          }
        });
    return new WatchLines(lines, ended);
  }
}
