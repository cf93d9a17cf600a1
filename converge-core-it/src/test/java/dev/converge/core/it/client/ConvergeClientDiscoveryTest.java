package dev.converge.core.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.client.Kind;
import dev.converge.core.client.ResourceType;
import dev.converge.core.client.internal.DiscoveryCache;
import dev.converge.core.errors.NoMatchException;
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
    cluster.client().resource(widgets()).delete();
  }

  @Test
  void givenAKindNotServedYet_whenItsCrdIsCreated_thenTheNextLookupRefreshesAndFindsIt(TestCluster cluster) {
    // given: the group-version is looked up before the CRD exists
    ConvergeClient noRetries = Fixtures.ops(cluster, RetryPolicy.NONE);
    Throwable thrown = catchThrowable(() -> noRetries.discovery().lookup(GROUP + "/v1", "Widget"));
    assertThat(thrown).isInstanceOf(NoMatchException.class);

    // when: the CRD is created; lookups retry until it is Established
    cluster.client().resource(widgets()).create();
    ConvergeClient ops = Fixtures.ops(cluster, RetryPolicy.builder().baseDelay(Duration.ofMillis(20))
        .maxDelay(Duration.ofMillis(200)).maxAttempts(30).deadline(Duration.ofSeconds(10)).build());
    ResourceType type = ops.discovery().lookup(GROUP + "/v1", "Widget");
    GenericKubernetesResource widget = new GenericKubernetesResource();
    widget.setApiVersion(GROUP + "/v1");
    widget.setKind("Widget");
    widget.setMetadata(Fixtures.configMap(cluster.namespace(), "w", "k", "v").getMetadata());
    widget.setAdditionalProperty("spec", Map.of("size", 3));
    ops.apply(widget);

    // then
    assertThat(type.plural()).isEqualTo("widgets");
    assertThat(type.namespaced()).isTrue();
    assertThat(ops.get(Kind.unstructured(GROUP + "/v1", "Widget"), cluster.namespace(), "w")).isPresent();
    long fetches = ((DiscoveryCache) ops.discovery()).fetches();
    ops.discovery().lookup(GROUP + "/v1", "Widget");
    assertThat(((DiscoveryCache) ops.discovery()).fetches()).isEqualTo(fetches);  // cached
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
