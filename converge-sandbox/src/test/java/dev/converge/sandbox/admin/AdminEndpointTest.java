package dev.converge.sandbox.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.SandboxOptions;
import dev.converge.sandbox.controllers.ControllerControls;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The admin endpoint over the socket: only the admin token may use it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AdminEndpointTest {
  static final String OTHER_TOKEN = "someone-else-token";
  static Sandbox sandbox;
  static HttpClient http;
  static final List<String> CALLS = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withToken(OTHER_TOKEN, "jane",
        "system:authenticated"));
    sandbox.controllerControls(() -> new RecordingControls());
    http = SandboxFixture.jdkClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void clear() {
    sandbox.faults().clear();
    CALLS.clear();
  }

  private static HttpResponse<String> call(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(sandbox.url() + path))
        .timeout(Duration.ofSeconds(10)).method(method, body == null
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      req.header("Authorization", "Bearer " + token);
    }
    return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void givenNoToken_then401_givenAnotherUsersToken_then403_givenAdmin_then200() throws Exception {
    assertThat(call("GET", "/converge/admin/faults", null, null).statusCode()).isEqualTo(401);
    HttpResponse<String> forbidden = call("GET", "/converge/admin/faults", OTHER_TOKEN, null);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.body()).contains("\"reason\":\"Forbidden\"");
    assertThat(call("POST", "/converge/admin/faults", OTHER_TOKEN,
        "{\"spec\":\"status=503\"}").statusCode()).isEqualTo(403);
    assertThat(sandbox.faults().rules()).isEmpty();
    assertThat(call("GET", "/converge/admin/faults", sandbox.adminToken(), null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void givenAFaultAddedOverHttp_thenFabric8MeetsItAndTheListShowsItsHits() throws Exception {
    HttpResponse<String> added = call("POST", "/converge/admin/faults", sandbox.adminToken(),
        "{\"spec\":\"verb=get,path=/api/v1/namespaces/default,status=503,count=1\"}");
    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(added.body()).contains("\"id\":");

    try (KubernetesClient client = SandboxFixture.client(sandbox)) {
      Throwable thrown = catchThrowable(() -> client.namespaces().withName("default").get());
      assertThat(thrown).isInstanceOfSatisfying(KubernetesClientException.class,
          e -> assertThat(e.getCode()).isEqualTo(503));
    }
    assertThat(call("GET", "/converge/admin/faults", sandbox.adminToken(), null).body())
        .contains("\"spec\":\"verb=get,path=/api/v1/namespaces/default,status=503,count=1\"")
        .contains("\"applied\":1");
    assertThat(call("DELETE", "/converge/admin/faults", sandbox.adminToken(), null).body())
        .contains("\"removed\":1");
    assertThat(sandbox.faults().rules()).isEmpty();
  }

  @Test
  void givenFieldsInsteadOfASpec_thenTheRuleIsTheSame() throws Exception {
    HttpResponse<String> added = call("POST", "/converge/admin/faults", sandbox.adminToken(),
        "{\"verb\":\"create\",\"path\":\"/api/**\",\"reset\":true,\"count\":2}");

    assertThat(added.statusCode()).isEqualTo(201);
    assertThat(sandbox.faults().rules().get(0).rule().toSpec())
        .isEqualTo("verb=create,path=/api/**,reset,count=2");
  }

  @Test
  void givenABadSpec_then400WithTheReason() throws Exception {
    HttpResponse<String> bad = call("POST", "/converge/admin/faults", sandbox.adminToken(),
        "{\"spec\":\"status=404\"}");

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("429 or 500-504");
  }

  @Test
  void givenRequests_thenCountsAreServedAndReset() throws Exception {
    try (KubernetesClient client = SandboxFixture.client(sandbox)) {
      call("DELETE", "/converge/admin/requests", sandbox.adminToken(), null);
      client.namespaces().withName("default").get();
    }

    String counts = call("GET", "/converge/admin/requests?verb=get&resource=namespaces",
        sandbox.adminToken(), null).body();
    assertThat(counts).contains("\"total\":1").contains("\"outcome\":\"200\"");
    assertThat(call("DELETE", "/converge/admin/requests", sandbox.adminToken(), null)
        .statusCode()).isEqualTo(200);
    assertThat(sandbox.requests().count("get", "namespaces")).isZero();
  }

  @Test
  void givenControllerCalls_thenTheyReachTheControls() throws Exception {
    String admin = sandbox.adminToken();
    call("POST", "/converge/admin/controllers/pause?kind=statefulsets", admin, null);
    call("POST", "/converge/admin/controllers/resume?kind=deployments&namespace=a&name=web",
        admin, null);
    call("POST", "/converge/admin/controllers/slow?kind=pods&delay=2s", admin, null);
    HttpResponse<String> kinds = call("GET", "/converge/admin/controllers", admin, null);
    HttpResponse<String> unknown = call("POST", "/converge/admin/controllers/explode?kind=pods",
        admin, null);

    assertThat(CALLS).containsExactly("pause statefulsets", "resume deployments a/web",
        "slow pods PT2S");
    assertThat(kinds.body()).contains("\"kinds\":[\"deployments\",\"statefulsets\"]");
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  static final class RecordingControls implements ControllerControls {
    @Override
    public void pause(String kind) {
      CALLS.add("pause " + kind);
    }

    @Override
    public void resume(String kind) {
      CALLS.add("resume " + kind);
    }

    @Override
    public void slow(String kind, Duration extraDelay) {
      CALLS.add("slow " + kind + " " + extraDelay);
    }

    @Override
    public void pause(String kind, String namespace, String name) {
      CALLS.add("pause " + kind + " " + namespace + "/" + name);
    }

    @Override
    public void resume(String kind, String namespace, String name) {
      CALLS.add("resume " + kind + " " + namespace + "/" + name);
    }

    @Override
    public Set<String> kinds() {
      return Set.of("statefulsets", "deployments");
    }
  }
}
