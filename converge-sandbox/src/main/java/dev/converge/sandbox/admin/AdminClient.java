package dev.converge.sandbox.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.tls.TrustedCa;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

/**
 * AdminClient calls a running sandbox's admin endpoint from another process, with the server
 * URL, CA and admin token of the kubeconfig the sandbox wrote.
 *
 * <pre>{@code
 * AdminClient admin = AdminClient.fromKubeconfig(Path.of(".converge/sandbox.kubeconfig"));
 * admin.addFault("verb=create,status=503,count=1");
 * admin.pause("statefulsets", null, null);
 * }</pre>
 */
public final class AdminClient {
  /** A failed admin call: status code and the server's message. */
  public static final class AdminException extends RuntimeException {
    private final int code;

    AdminException(int code, String message) {
      super(message);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  private final String server;
  private final String token;
  private final HttpClient http;

  public AdminClient(String server, String caCertificatePem, String token) {
    this.server = server.replaceAll("/+$", "");
    this.token = token;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (caCertificatePem != null) {
      b.sslContext(TrustedCa.sslContext(caCertificatePem));
    }
    this.http = b.build();
  }

  /** Reads the current context's server, CA and token from a kubeconfig file. */
  public static AdminClient fromKubeconfig(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no kubeconfig at " + file
          + ": start the sandbox first (converge sandbox) or name its kubeconfig");
    }
    Config config = Config.fromKubeconfig(null, file.toFile());
    // fabric8 files a kubeconfig user's token as the "auto" token; an explicit one wins.
    String token = config.getOauthToken() != null ? config.getOauthToken()
        : config.getAutoOAuthToken();
    if (token == null) {
      throw new IllegalArgumentException("the kubeconfig " + file + " has no token");
    }
    String ca = config.getCaCertData() == null ? null : new String(
        Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.US_ASCII);
    return new AdminClient(config.getMasterUrl(), ca, token);
  }

  public JsonNode pause(String kind, String namespace, String name) {
    return post("/controllers/pause" + query(Map.of("kind", kind), namespace, name), "");
  }

  public JsonNode resume(String kind, String namespace, String name) {
    return post("/controllers/resume" + query(Map.of("kind", kind), namespace, name), "");
  }

  public JsonNode slow(String kind, String delay) {
    return post("/controllers/slow" + query(Map.of("kind", kind, "delay", delay), null, null),
        "");
  }

  public JsonNode addFault(String spec) {
    return post("/faults", Json.text(Json.object().put("spec", spec)));
  }

  public JsonNode faults() {
    return send("GET", "/faults", null);
  }

  public JsonNode clearFaults() {
    return send("DELETE", "/faults", null);
  }

  /** Counts, filtered by {@code filters} (verb, resource, namespace, client, outcome). */
  public JsonNode counts(Map<String, String> filters) {
    return send("GET", "/requests" + query(filters, null, null), null);
  }

  public JsonNode resetCounts() {
    return send("DELETE", "/requests", null);
  }

  private JsonNode post(String path, String body) {
    return send("POST", path, body);
  }

  private JsonNode send(String method, String path, String body) {
    HttpRequest req = HttpRequest.newBuilder(URI.create(server + AdminEndpoint.PREFIX + path))
        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<byte[]> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("could not reach the sandbox at " + server + " ("
          + e + "); is it running?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    JsonNode json;
    try {
      json = Json.parse(resp.body(), false);
    } catch (IOException e) {
      throw new AdminException(resp.statusCode(), "unreadable answer from " + server);
    }
    if (resp.statusCode() >= 300) {
      throw new AdminException(resp.statusCode(), resp.statusCode() + " "
          + (json == null ? "" : json.path("message").asText()));
    }
    return json;
  }

  private static String query(Map<String, String> params, String namespace, String name) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    new java.util.TreeMap<>(params).forEach((k, v) -> {
      if (v != null) {
        q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    });
    if (namespace != null) {
      q.add("namespace=" + URLEncoder.encode(namespace, StandardCharsets.UTF_8));
    }
    if (name != null) {
      q.add("name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }
    return q.toString();
  }
}
