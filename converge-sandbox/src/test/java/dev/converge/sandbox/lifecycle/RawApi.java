package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.api.Json;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * RawApi sends raw requests to a sandbox (over its verified TLS, through fabric8's HTTP client),
 * for assertions on status codes that typed clients hide.
 */
final class RawApi {
  /** A response: its HTTP status code and JSON body. */
  record Response(int code, JsonNode body) {}

  private final KubernetesClient client;

  RawApi(Sandbox sandbox) {
    this.client = SandboxFixture.client(sandbox);
  }

  Response delete(String pathAndQuery) {
    HttpClient http = client.getHttpClient();
    String base = client.getMasterUrl().toString().replaceAll("/$", "");
    try {
      HttpResponse<String> resp = http.sendAsync(http.newHttpRequestBuilder()
          .uri(base + pathAndQuery).delete("application/json", "").build(), String.class)
          .get(10, TimeUnit.SECONDS);
      return new Response(resp.code(),
          Json.parse(resp.body().getBytes(StandardCharsets.UTF_8), false));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("DELETE " + pathAndQuery + " failed", e);
    }
  }
}
