package dev.converge.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/** Each fault kind reaches a fabric8 client over the socket as the real failure would. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultInjectionTest {
  static final AtomicInteger NAMES = new AtomicInteger();
  static Sandbox sandbox;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start();
    client = SandboxFixture.client(sandbox);
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    sandbox.faults().clear();
  }

  static String name(TestInfo info) {
    return "cm-" + NAMES.incrementAndGet();
  }

  static ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .addToData("k", "v").build();
  }

  static List<Throwable> chain(Throwable t) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable c = t; c != null && !out.contains(c); c = c.getCause()) {
      out.add(c);
    }
    return out;
  }

  @Test
  void given429Rule_whenCreating_thenFabric8SeesTooManyRequestsWithRetryAfter(TestInfo info) {
    sandbox.faults().add(FaultSpec.parse(
        "verb=create,path=/api/v1/namespaces/*/configmaps,status=429,retry-after=2,count=1"));
    String name = name(info);

    Throwable thrown = catchThrowable(() ->
        client.configMaps().inNamespace("default").resource(configMap(name)).create());

    assertThat(thrown).isInstanceOf(KubernetesClientException.class);
    KubernetesClientException e = (KubernetesClientException) thrown;
    assertThat(e.getCode()).isEqualTo(429);
    assertThat(e.getStatus().getReason()).isEqualTo("TooManyRequests");
    assertThat(e.getStatus().getDetails().getRetryAfterSeconds()).isEqualTo(2);
    // count=1: the retry goes through.
    assertThat(client.configMaps().inNamespace("default").resource(configMap(name)).create())
        .isNotNull();
  }

  @Test
  void given429Rule_thenTheRetryAfterHeaderIsOnTheWire() throws Exception {
    sandbox.faults().add(FaultSpec.parse("verb=get,path=/api/v1/namespaces/default,retry-after=3"));

    HttpResponse<String> resp = SandboxFixture.jdkClient(sandbox).send(HttpRequest.newBuilder(
        URI.create(sandbox.url() + "/api/v1/namespaces/default"))
        .header("Authorization", "Bearer " + sandbox.adminToken()).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(resp.statusCode()).isEqualTo(429);
    assertThat(resp.headers().firstValue("Retry-After")).contains("3");
    assertThat(resp.body()).contains("\"kind\":\"Status\"").contains("\"code\":429");
  }

  @Test
  void given503Rule_thenFabric8SeesServiceUnavailable() {
    sandbox.faults().add(FaultSpec.parse("verb=list,path=/api/v1/namespaces/*/secrets,status=503"));

    Throwable thrown = catchThrowable(() -> client.secrets().inNamespace("default").list());

    assertThat(thrown).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(503);
      assertThat(e.getStatus().getReason()).isEqualTo("ServiceUnavailable");
    });
    assertThat(client.configMaps().inNamespace("default").list()).isNotNull();
  }

  @Test
  void given5xxCodes_thenEachReachesTheClientWithAStatusBody() {
    for (int code : new int[] {500, 502, 504}) {
      FaultHandle h = sandbox.faults().add(FaultRule.builder().verbs(Verb.GET)
          .path("/api/v1/namespaces/kube-public").respond(code).build());
      Throwable thrown = catchThrowable(() -> client.namespaces().withName("kube-public").get());
      assertThat(thrown).isInstanceOfSatisfying(KubernetesClientException.class,
          e -> assertThat(e.getCode()).isEqualTo(code));
      sandbox.faults().remove(h);
    }
  }

  @Test
  void givenResetRule_thenTheClientSeesConnectionReset() {
    sandbox.faults().add(FaultSpec.parse("verb=get,path=/api/v1/namespaces/kube-system,reset"));

    Throwable thrown = catchThrowable(() -> client.namespaces().withName("kube-system").get());

    assertThat(chain(thrown)).anySatisfy(c -> assertThat(c)
        .isInstanceOf(SocketException.class).hasMessageContaining("Connection reset"));
    assertThat(sandbox.requests().count(RequestQuery.all().verb("get").resource("namespaces")
        .outcome(RequestRecord.RESET))).isEqualTo(1);
    sandbox.faults().clear();
    assertThat(client.namespaces().withName("kube-system").get()).isNotNull();
  }

  @Test
  void givenResetAfterCommitRule_thenTheCreateTookEffectButTheClientSeesAReset(TestInfo info) {
    sandbox.faults().add(FaultSpec.parse(
        "verb=create,path=/api/v1/namespaces/*/configmaps,reset-after-commit,count=1"));
    String name = name(info);

    Throwable thrown = catchThrowable(() -> client.configMaps().inNamespace("default")
        .resource(configMap(name)).create());

    assertThat(thrown).isNotNull();
    assertThat(sandbox.requests().count(RequestQuery.all().verb("create").resource("configmaps")
        .outcome(RequestRecord.RESET))).isEqualTo(1);
    assertThat(client.configMaps().inNamespace("default").withName(name).get()).isNotNull();
  }

  @Test
  void givenLatencyRule_thenTheAnswerComesLateAndTheBodyIsKept(TestInfo info) {
    sandbox.faults().add(FaultSpec.parse("verb=create,path=/api/v1/namespaces/*/configmaps,"
        + "latency=400ms,count=1"));
    long start = System.nanoTime();

    ConfigMap created = client.configMaps().inNamespace("default")
        .resource(configMap(name(info))).create();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
        Duration.ofMillis(400));
    assertThat(created.getData()).containsEntry("k", "v");
  }

  @Test
  void givenCountAndEvery_thenExactlyThoseMatchesFail() {
    sandbox.faults().add(FaultSpec.parse("verb=get,path=/api/v1/namespaces/default,status=500,"
        + "every=2,count=2"));

    List<Boolean> failed = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      failed.add(catchThrowable(() -> client.namespaces().withName("default").get()) != null);
    }

    assertThat(failed).containsExactly(false, true, false, true, false, false);
  }

  @Test
  void givenProbabilityWithSeed_thenTheSameSeedFailsTheSameRequests() {
    String spec = "verb=get,path=/api/v1/namespaces/default,status=503,probability=0.5,seed=42";
    FaultHandle first = sandbox.faults().add(spec);
    List<Boolean> run1 = failures(12);
    sandbox.faults().remove(first);
    sandbox.faults().add(spec);
    List<Boolean> run2 = failures(12);

    assertThat(run2).isEqualTo(run1);
    assertThat(run1).contains(true, false);
  }

  private static List<Boolean> failures(int n) {
    List<Boolean> failed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      failed.add(catchThrowable(() -> client.namespaces().withName("default").get()) != null);
    }
    return failed;
  }

  @Test
  void givenClientRule_thenOnlyThatClientFails() {
    sandbox.faults().add(FaultSpec.parse("path=/api/v1/namespaces/default,status=503,"
        + "client=operator"));
    try (KubernetesClient operator = SandboxFixture.client(sandbox, "operator/1.0");
        KubernetesClient other = SandboxFixture.client(sandbox)) {
      assertThat(catchThrowable(() -> operator.namespaces().withName("default").get()))
          .isInstanceOf(KubernetesClientException.class);
      assertThat(other.namespaces().withName("default").get()).isNotNull();
    }
  }

  @Test
  void givenConnectionRefusedViaOwnSandbox_thenConnectExceptionUntilThePeriodEnds() {
    try (Sandbox own = Sandbox.start(); KubernetesClient c = SandboxFixture.client(own)) {
      own.faults().add(FaultSpec.parse("verb=get,path=/api/v1/namespaces/default,refuse=5s,"
          + "count=1"));

      Throwable trigger = catchThrowable(() -> c.namespaces().withName("default").get());

      assertThat(trigger).isNotNull();
      // The trigger's own connection may be cut while the listening socket is still closing,
      // so a request racing that can fail otherwise; within the period, connects are refused.
      await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(50)).until(() ->
          chain(catchThrowable(() -> c.namespaces().withName("kube-system").get())).stream()
              .anyMatch(ConnectException.class::isInstance));
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
          .ignoreExceptions().until(() -> c.namespaces().withName("default").get() != null);
      assertThat(own.requests().count(RequestQuery.all().outcome(RequestRecord.REFUSED)))
          .isEqualTo(1);
    }
  }
}
