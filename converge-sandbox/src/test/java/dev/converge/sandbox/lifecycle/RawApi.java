package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** RawApi sends plain HTTP requests to a sandbox, for assertions on status codes. */
final class RawApi {
  /** A response: its HTTP status code and JSON body. */
  record Response(int code, JsonNode body) {}

  private final Sandbox sandbox;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  RawApi(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  Response delete(String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.url() + pathAndQuery))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + sandbox.adminToken()).DELETE().build();
    try {
      HttpResponse<byte[]> resp = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Response(resp.statusCode(), Json.parse(resp.body(), false));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
