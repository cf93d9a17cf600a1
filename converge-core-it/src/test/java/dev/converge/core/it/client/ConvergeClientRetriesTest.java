package dev.converge.core.it.client;

import static dev.converge.core.it.client.Fixtures.configMap;
import static dev.converge.core.it.client.Fixtures.configMapRequests;
import static dev.converge.core.it.client.Fixtures.configMapsPath;
import static dev.converge.core.it.client.Fixtures.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.converge.core.client.ConvergeClient;
import dev.converge.core.client.Kind;
import dev.converge.core.errors.ForbiddenException;
import dev.converge.core.errors.InvalidException;
import dev.converge.core.errors.ServerErrorException;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every call goes through the one retry layer: what is retried, how long it waits, what fails at once. */
@ConvergeCluster(controllers = false)
@Requires({Capability.FAULTS, Capability.REQUEST_COUNTS})
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConvergeClientRetriesTest {

  @AfterEach
  void clearFaults(TestCluster cluster) {
    cluster.faults().clear();
  }

  @Test
  void given429WithRetryAfter_whenGet_thenWaitsAtLeastThatLongAndRetriesOnce(TestCluster cluster) {
    // given
    cluster.client().resource(configMap(cluster.namespace(), "app", "k", "v")).create();
    cluster.faults().add(FaultSpec.parse("verb=get,path=" + configMapsPath(cluster)
        + "/app,status=429,retry-after=1,count=1"));
    ConvergeClient ops = ops(cluster, Fixtures.FAST);
    long before = configMapRequests(cluster, "get");
    long start = System.nanoTime();

    // when
    Optional<ConfigMap> read = ops.get(Kind.of(ConfigMap.class), cluster.namespace(), "app");

    // then
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(read).get().extracting(cm -> cm.getData().get("k")).isEqualTo("v");
    assertThat(configMapRequests(cluster, "get") - before).isEqualTo(2);
  }

  @Test
  void given503Twice_whenGet_thenTheThirdRequestSucceeds(TestCluster cluster) {
    // given
    cluster.client().resource(configMap(cluster.namespace(), "app", "k", "v")).create();
    cluster.faults().add(FaultSpec.parse("verb=get,path=" + configMapsPath(cluster)
        + "/app,status=503,count=2"));
    ConvergeClient ops = ops(cluster, Fixtures.FAST);

    // when
    Optional<ConfigMap> read = ops.get(Kind.of(ConfigMap.class), cluster.namespace(), "app");

    // then
    assertThat(read).isPresent();
    assertThat(configMapRequests(cluster, "get")).isEqualTo(3);
  }

  @Test
  void givenNoConvergeRetries_when503_thenExactlyOneRequest_soFabric8DoesNotRetry(TestCluster cluster) {
    // given
    cluster.faults().add(FaultSpec.parse("verb=get,path=" + configMapsPath(cluster)
        + "/app,status=503,count=1"));
    ConvergeClient ops = ops(cluster, RetryPolicy.NONE);

    // when
    Throwable thrown = catchThrowable(() -> ops.get(Kind.of(ConfigMap.class), cluster.namespace(), "app"));

    // then
    assertThat(thrown).isInstanceOf(ServerErrorException.class);
    assertThat(configMapRequests(cluster, "get")).isEqualTo(1);
  }

  @Test
  void givenPermanent503_whenDeadlineIs2s_thenFailsWithinTheDeadlinePlusOneCall(TestCluster cluster) {
    // given
    cluster.faults().add(FaultSpec.parse("verb=get,path=" + configMapsPath(cluster) + "/app,status=503"));
    RetryPolicy patientButBounded = RetryPolicy.builder().baseDelay(Duration.ofMillis(50))
        .maxDelay(Duration.ofMillis(200)).maxAttempts(1_000).deadline(Duration.ofSeconds(2)).build();
    ConvergeClient ops = ops(cluster, patientButBounded);
    long start = System.nanoTime();

    // when
    Throwable thrown = catchThrowable(() -> ops.get(Kind.of(ConfigMap.class), cluster.namespace(), "app"));

    // then
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertThat(thrown).isInstanceOf(ServerErrorException.class);
    assertThat(thrown.getSuppressed()).isNotEmpty();
    assertThat(elapsed).isBetween(Duration.ofMillis(1_000), Duration.ofMillis(3_000));
    assertThat(configMapRequests(cluster, "get")).isGreaterThan(3);
  }

  @Test
  void givenForbidden_whenApply_thenFailsAtOnceWithOneRequest(TestCluster cluster) {
    // given: a ServiceAccount with no RBAC bindings
    cluster.client().resource(new ServiceAccountBuilder().withNewMetadata().withName("nobody")
        .withNamespace(cluster.namespace()).endMetadata().build()).create();
    String token = cluster.sandboxFor(Capability.FAULTS).serviceAccountToken(cluster.namespace(), "nobody");
    // Counted on the client: the sandbox authorizes before counting, so it does not count a 403.
    AtomicInteger patches = new AtomicInteger();
    Interceptor countPatches = new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if ("PATCH".equals(request.method())) {
          patches.incrementAndGet();
        }
      }
    };
    try (KubernetesClient nobody = new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder(cluster.config()).withOauthToken(token).build())
            .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", countPatches))
            .build();
        ConvergeClient ops = ConvergeClient.wrap(nobody,
            dev.converge.core.client.ClientOptions.DEFAULTS.with(b -> b.retryPolicy(Fixtures.FAST)))) {

      // when
      Throwable thrown = catchThrowable(() -> ops.apply(configMap(cluster.namespace(), "app", "k", "v")));

      // then
      assertThat(thrown).isInstanceOf(ForbiddenException.class);
      assertThat(patches).hasValue(1);
    }
  }

  @Test
  void givenInvalidObject_whenCreate_thenFailsAtOnceWithOneRequest(TestCluster cluster) {
    // given
    ConvergeClient ops = ops(cluster, Fixtures.FAST);

    // when
    Throwable thrown = catchThrowable(() -> ops.create(configMap(cluster.namespace(), "Not_Valid", "k", "v")));

    // then
    assertThat(thrown).isInstanceOf(InvalidException.class);
    assertThat(configMapRequests(cluster, "create")).isEqualTo(1);
  }
}
