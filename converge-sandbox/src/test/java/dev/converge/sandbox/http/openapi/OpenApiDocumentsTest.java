package dev.converge.sandbox.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ResourceRegistry;
import dev.converge.sandbox.api.ResourceType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiDocumentsTest {
  final ResourceRegistry registry = ResourceRegistry.withBuiltins();
  final OpenApiDocuments docs = new OpenApiDocuments(registry);

  @Test
  void indexLinksEveryGroupVersionWithAContentHash() {
    ObjectNode index = docs.index();
    assertThat(index.at("/paths/api~1v1/serverRelativeURL").asText())
        .matches("/openapi/v3/api/v1\\?hash=[0-9A-F]{32}");
    assertThat(index.at("/paths/apis~1apps~1v1/serverRelativeURL").asText())
        .startsWith("/openapi/v3/apis/apps/v1?hash=");
    assertThat(index.at("/paths/apis~1autoscaling~1v2").isObject()).isTrue();
  }

  @Test
  void hashChangesWhenTheGroupVersionChanges() {
    String before = docs.index().at("/paths/apis~1stable.example.com~1v1").asText("absent");
    assertThat(before).isEqualTo("absent");
    String apps = docs.index().at("/paths/apis~1apps~1v1/serverRelativeURL").asText();
    registry.register(new ResourceType("apps", "v1", "Widget", "widgets", true, List.of(),
        List.of(), false, false));
    assertThat(docs.index().at("/paths/apis~1apps~1v1/serverRelativeURL").asText())
        .isNotEqualTo(apps);
  }

  @Test
  void patchOperationsAdvertiseFieldValidationForTheirKind() {
    ObjectNode apps = docs.document("apis/apps/v1").orElseThrow();
    JsonNode patch = apps.at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}"
        + "/patch");
    assertThat(patch.at("/x-kubernetes-group-version-kind/kind").asText()).isEqualTo("Deployment");
    assertThat(patch.at("/x-kubernetes-group-version-kind/group").asText()).isEqualTo("apps");
    List<String> params = new ArrayList<>();
    patch.get("parameters").forEach(p -> {
      assertThat(p.get("in").asText()).isEqualTo("query");
      params.add(p.get("name").asText());
    });
    assertThat(params).contains("fieldValidation", "fieldManager", "dryRun", "force");

    ObjectNode core = docs.document("api/v1").orElseThrow();
    assertThat(core.at("/paths/~1api~1v1~1namespaces~1{name}/patch/x-kubernetes-group-version-kind"
        + "/kind").asText()).isEqualTo("Namespace");
    assertThat(core.get("openapi").asText()).startsWith("3.");
  }

  @Test
  void unknownGroupVersionsHaveNoDocument() {
    assertThat(docs.document("apis/nothing.example.com/v1")).isEmpty();
    assertThat(docs.document("api/v2")).isEmpty();
    assertThat(docs.document("bogus")).isEmpty();
  }
}
