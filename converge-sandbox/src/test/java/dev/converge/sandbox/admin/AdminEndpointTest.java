package dev.converge.sandbox.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import static org.awaitility.Awaitility.await;
import org.junit.jupiter.api.Timeout;

/** The admin endpoint over the socket: only the admin token may use it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AdminEndpointTest {
  static final String OTHER_TOKEN = "someone-else-token";
  static Sandbox sandbox;
  static HttpClient http;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withToken(OTHER_TOKEN, "jane",
        "system:authenticated"));
    http = SandboxFixture.jdkClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void clear() {
    sandbox.faults().clear();
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
  void givenControllerCalls_thenTheyDriveTheSimulatedControllers() throws Exception {
    String admin = sandbox.adminToken();
    assertThat(call("POST", "/converge/admin/controllers/pause?kind=statefulsets", admin, null)
        .statusCode()).isEqualTo(200);
    try (KubernetesClient client = SandboxFixture.client(sandbox)) {
      client.apps().statefulSets().inNamespace("default").resource(new StatefulSetBuilder()
          .withNewMetadata().withName("held").endMetadata().withNewSpec().withReplicas(1)
          .withNewSelector().addToMatchLabels("app", "held").endSelector().withNewTemplate()
          .withNewMetadata().addToLabels("app", "held").endMetadata().withNewSpec()
          .addNewContainer().withName("c").withImage("nginx:1").endContainer().endSpec()
          .endTemplate().endSpec().build()).create();
      var held = client.apps().statefulSets().inNamespace("default").withName("held");
      await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(held.get().getStatus()).isNull());

      assertThat(call("POST", "/converge/admin/controllers/resume?kind=statefulsets", admin,
          null).statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(
          held.get().getStatus().getReadyReplicas()).isEqualTo(1));
    }
    assertThat(call("POST", "/converge/admin/controllers/slow?kind=pods&delay=0s", admin, null)
        .statusCode()).isEqualTo(200);
    assertThat(call("GET", "/converge/admin/controllers", admin, null).body())
        .contains("\"statefulsets\"").contains("\"deployments\"");
    assertThat(call("POST", "/converge/admin/controllers/explode?kind=pods", admin, null)
        .statusCode()).isEqualTo(404);
  }
}
