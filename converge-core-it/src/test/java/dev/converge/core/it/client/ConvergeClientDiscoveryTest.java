package dev.converge.core.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.client.Kind;
import dev.converge.core.client.ResourceType;
import dev.converge.core.client.internal.DiscoveryCache;
import dev.converge.core.errors.NoMatchException;
import dev.converge.core.retry.Retrier;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Discovery answers are cached, and a kind not served yet is looked up again before failing. */
@ConvergeCluster(controllers = false)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConvergeClientDiscoveryTest {

  private static final String GROUP = "discovery.converge.dev";

  @AfterEach
  void removeCrd(TestCluster cluster) {
    // A CRD goes only after its custom resources are cleaned up: wait, so the next test's
    // create does not meet the terminating one.
    cluster.client().resource(widgets()).delete();
    cluster.eventually(Duration.ofSeconds(20),
        () -> assertThat(cluster.client().resource(widgets()).get()).isNull());
  }

  @Test
  void givenAKindNotServedYet_whenItsCrdIsCreated_thenTheSameCacheRefreshesAndFindsIt(TestCluster cluster) {
    // given: the group-version is looked up before the CRD exists
    DiscoveryCache discovery = new DiscoveryCache(cluster.client(), Retrier.of(RetryPolicy.NONE));
    Throwable thrown = catchThrowable(() -> discovery.lookup(GROUP + "/v1", "Widget"));
    assertThat(thrown).isInstanceOf(NoMatchException.class);

    // when: the CRD is created (and Established by the sandbox shortly after)
    cluster.client().resource(widgets()).create();

    // then: the miss was not cached, so a later lookup asks again and finds it
    cluster.eventually(Duration.ofSeconds(10), () ->
        assertThat(discovery.lookup(GROUP + "/v1", "Widget").plural()).isEqualTo("widgets"));
    long fetches = discovery.fetches();
    ResourceType type = discovery.lookup(GROUP + "/v1", "Widget");
    assertThat(discovery.fetches()).isEqualTo(fetches);  // now cached
    assertThat(type.namespaced()).isTrue();
  }

  @Test
  void givenACrdJustCreated_whenAnUnstructuredObjectIsApplied_thenDiscoveryRetriesUntilServed(TestCluster cluster) {
    // given
    cluster.client().resource(widgets()).create();
    ConvergeClient ops = Fixtures.ops(cluster, RetryPolicy.builder().baseDelay(Duration.ofMillis(20))
        .maxDelay(Duration.ofMillis(200)).maxAttempts(30).deadline(Duration.ofSeconds(10)).build());
    GenericKubernetesResource widget = new GenericKubernetesResource();
    widget.setApiVersion(GROUP + "/v1");
    widget.setKind("Widget");
    widget.setMetadata(Fixtures.configMap(cluster.namespace(), "w", "k", "v").getMetadata());
    widget.setAdditionalProperty("spec", Map.of("size", 3));

    // when
    ops.apply(widget);

    // then
    assertThat(ops.get(Kind.unstructured(GROUP + "/v1", "Widget"), cluster.namespace(), "w"))
        .get().extracting(w -> w.get("spec", "size")).isEqualTo(3);
  }

  private static CustomResourceDefinition widgets() {
    return new CustomResourceDefinitionBuilder().withNewMetadata().withName("widgets." + GROUP)
        .endMetadata().withNewSpec().withGroup(GROUP).withScope("Namespaced")
        .withNewNames().withKind("Widget").withPlural("widgets").withSingular("widget").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object")
        .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
        .endVersion().endSpec().build();
  }
}
