package dev.converge.sandbox.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ResourceRegistry;
import org.junit.jupiter.api.Test;

class AggregatedDiscoveryTest {
  final ResourceRegistry registry = ResourceRegistry.withBuiltins();

  static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode n : array) {
      if (n.at(field).asText().equals(value)) {
        return n;
      }
    }
    throw new AssertionError("no element with " + field + "=" + value + " in " + array);
  }

  @Test
  void acceptsOnlyTheV2Form() {
    assertThat(AggregatedDiscovery.accepted("application/json;g=apidiscovery.k8s.io;v=v2;"
        + "as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;"
        + "as=APIGroupDiscoveryList,application/json")).isTrue();
    assertThat(AggregatedDiscovery.accepted("application/json;g=apidiscovery.k8s.io;v=v2beta1;"
        + "as=APIGroupDiscoveryList,application/json")).isFalse();
    assertThat(AggregatedDiscovery.accepted("application/json, */*")).isFalse();
    assertThat(AggregatedDiscovery.accepted(null)).isFalse();
  }

  @Test
  void coreListHoldsOnlyTheUnnamedGroup() {
    ObjectNode core = AggregatedDiscovery.list(registry, true);
    assertThat(core.get("kind").asText()).isEqualTo("APIGroupDiscoveryList");
    assertThat(core.get("apiVersion").asText()).isEqualTo("apidiscovery.k8s.io/v2");
    assertThat(core.get("items")).hasSize(1);
    JsonNode v1 = core.at("/items/0/versions/0");
    assertThat(v1.get("version").asText()).isEqualTo("v1");
    JsonNode ns = find(v1.get("resources"), "/resource", "namespaces");
    assertThat(ns.get("scope").asText()).isEqualTo("Cluster");
    assertThat(ns.at("/shortNames/0").asText()).isEqualTo("ns");
    assertThat(find(ns.get("subresources"), "/subresource", "finalize").at("/verbs/0").asText())
        .isEqualTo("update");
  }

  @Test
  void groupListCarriesVersionsInPreferenceOrderWithSubresources() {
    ObjectNode groups = AggregatedDiscovery.list(registry, false);
    JsonNode apps = find(groups.get("items"), "/metadata/name", "apps");
    JsonNode deployments = find(apps.at("/versions/0/resources"), "/resource", "deployments");
    assertThat(deployments.get("scope").asText()).isEqualTo("Namespaced");
    assertThat(deployments.at("/responseKind/kind").asText()).isEqualTo("Deployment");
    assertThat(deployments.at("/categories/0").asText()).isEqualTo("all");
    JsonNode scale = find(deployments.get("subresources"), "/subresource", "scale");
    assertThat(scale.at("/responseKind/group").asText()).isEqualTo("autoscaling");
    JsonNode autoscaling = find(groups.get("items"), "/metadata/name", "autoscaling");
    assertThat(autoscaling.at("/versions/0/version").asText()).isEqualTo("v2");
    assertThat(autoscaling.at("/versions/1/version").asText()).isEqualTo("v1");
    for (JsonNode g : groups.get("items")) {
      assertThat(g.at("/metadata/name").asText()).isNotEmpty();
    }
  }
}
