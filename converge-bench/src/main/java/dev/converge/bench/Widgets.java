package dev.converge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Widgets is the benchmark's custom resource: a kind with a status subresource, so a widget is IN
 * PROGRESS until the benchmark writes {@code Ready=True} through /status, as a controller would.
 */
public final class Widgets {
  static final String API_VERSION = "bench.converge.dev/v1";
  static final String KIND = "Widget";
  public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
      .withGroup("bench.converge.dev").withVersion("v1").withKind(KIND).withPlural("widgets")
      .withNamespaced(true).build();

  private Widgets() {}

  public static CustomResourceDefinition install(KubernetesClient client) {
    CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("widgets.bench.converge.dev").endMetadata()
        .withNewSpec().withGroup("bench.converge.dev").withScope("Namespaced")
        .withNewNames().withKind(KIND).withPlural("widgets").withSingular("widget").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true)
        .withNewSubresources().withNewStatus().endStatus().endSubresources()
        .withNewSchema().withNewOpenAPIV3Schema().withType("object")
        .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
        .endVersion().endSpec().build();
    client.resource(crd).forceConflicts().serverSideApply();
    return client.apiextensions().v1().customResourceDefinitions().resource(crd)
        .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
            .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
            30, TimeUnit.SECONDS);
  }

  /** Creates {@code n} widgets named {@code w-0..} in a new namespace; returns them as created. */
  public static List<GenericKubernetesResource> create(KubernetesClient client, String ns, int n) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    List<GenericKubernetesResource> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(client.genericKubernetesResources(CONTEXT).inNamespace(ns).resource(
          new GenericKubernetesResourceBuilder().withApiVersion(API_VERSION).withKind(KIND)
              .withNewMetadata().withName("w-" + i).withNamespace(ns).endMetadata()
              .addToAdditionalProperties("spec", Map.of("size", i)).build()).create());
    }
    return out;
  }

  /** Marks the widget ready through /status and returns when the write was acknowledged. */
  public static void markReady(KubernetesClient client, GenericKubernetesResource widget) {
    widget.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of(
        "type", "Ready", "status", "True", "reason", "Provisioned", "message", "ready"))));
    client.genericKubernetesResources(CONTEXT).inNamespace(widget.getMetadata().getNamespace())
        .resource(widget).updateStatus();
  }

  public static int index(String name) {
    return Integer.parseInt(name.substring(2));
  }

  static int index(JsonNode obj) {
    return index(obj.path("metadata").path("name").asText());
  }
}
