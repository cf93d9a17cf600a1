package dev.converge.sandbox.http.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceRegistry;
import dev.converge.sandbox.api.ResourceType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableRendererTest {
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final ResourceRegistry REGISTRY = ResourceRegistry.withBuiltins();

  static ResourceType type(String apiVersion, String kind) {
    return REGISTRY.byKind(apiVersion, kind).orElseThrow();
  }

  static ObjectNode parse(String json) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(json.replace('\'', '"'));
  }

  static List<String> headers(ObjectNode table, int maxPriority) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : table.get("columnDefinitions")) {
      if (c.get("priority").asInt() <= maxPriority) {
        out.add(c.get("name").asText());
      }
    }
    return out;
  }

  @Test
  void deploymentRowShowsReadinessAndWideColumnsAfterAge() throws Exception {
    ObjectNode d = parse("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
        + "'namespace':'default','creationTimestamp':'2026-01-01T11:55:00Z',"
        + "'resourceVersion':'7'},'spec':{'replicas':3,'selector':{'matchLabels':{'app':'web'}},"
        + "'template':{'spec':{'containers':[{'name':'web','image':'nginx:1'},"
        + "{'name':'log','image':'busybox'}]}}},'status':{'readyReplicas':2,"
        + "'updatedReplicas':3,'availableReplicas':2}}");
    ObjectNode table = new TableRenderer(type("apps/v1", "Deployment"), null, CLOCK).single(d);

    assertThat(table.get("kind").asText()).isEqualTo("Table");
    assertThat(table.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(headers(table, 0)).containsExactly("Name", "Ready", "Up-to-date", "Available",
        "Age");
    assertThat(headers(table, 1)).containsExactly("Name", "Ready", "Up-to-date", "Available",
        "Age", "Containers", "Images", "Selector");
    JsonNode cells = table.at("/rows/0/cells");
    assertThat(cells.get(0).asText()).isEqualTo("web");
    assertThat(cells.get(1).asText()).isEqualTo("2/3");
    assertThat(cells.get(2).asInt()).isEqualTo(3);
    assertThat(cells.get(4).asText()).isEqualTo("5m");
    assertThat(cells.get(5).asText()).isEqualTo("web,log");
    assertThat(cells.get(6).asText()).isEqualTo("nginx:1,busybox");
    assertThat(cells.get(7).asText()).isEqualTo("app=web");
    assertThat(table.at("/rows/0/object/kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(table.at("/rows/0/object/metadata/namespace").asText()).isEqualTo("default");
    assertThat(table.at("/metadata/resourceVersion").asText()).isEqualTo("7");
  }

  @Test
  void serviceAndPodAndConfigMapColumns() throws Exception {
    ObjectNode svc = parse("{'metadata':{'name':'s'},'spec':{'type':'NodePort',"
        + "'clusterIP':'10.0.0.1','selector':{'app':'x'},'ports':[{'port':80,'nodePort':30080,"
        + "'protocol':'TCP'},{'port':53,'protocol':'UDP'}]}}");
    JsonNode cells = new TableRenderer(type("v1", "Service"), "None", CLOCK).single(svc)
        .at("/rows/0/cells");
    assertThat(cells.get(1).asText()).isEqualTo("NodePort");
    assertThat(cells.get(2).asText()).isEqualTo("10.0.0.1");
    assertThat(cells.get(3).asText()).isEqualTo("<none>");
    assertThat(cells.get(4).asText()).isEqualTo("80:30080/TCP,53/UDP");

    ObjectNode pod = parse("{'metadata':{'name':'p'},'spec':{'containers':[{},{}]},"
        + "'status':{'phase':'Running','containerStatuses':[{'ready':true,'restartCount':2},"
        + "{'ready':false,'restartCount':1}]}}");
    cells = new TableRenderer(type("v1", "Pod"), null, CLOCK).single(pod).at("/rows/0/cells");
    assertThat(cells.get(1).asText()).isEqualTo("1/2");
    assertThat(cells.get(2).asText()).isEqualTo("Running");
    assertThat(cells.get(3).asInt()).isEqualTo(3);

    ObjectNode list = parse("{'metadata':{'resourceVersion':'9','continue':'abc'},'items':["
        + "{'metadata':{'name':'a'},'data':{'x':'1','y':'2'}},{'metadata':{'name':'b'}}]}");
    ObjectNode table = new TableRenderer(type("v1", "ConfigMap"), "Object", CLOCK).list(list);
    assertThat(headers(table, 1)).containsExactly("Name", "Data", "Age");
    assertThat(table.at("/rows/0/cells/1").asInt()).isEqualTo(2);
    assertThat(table.at("/rows/1/cells/1").asInt()).isZero();
    assertThat(table.at("/rows/1/cells/2").asText()).isEqualTo("<unknown>");
    assertThat(table.at("/rows/0/object/data/x").asText()).isEqualTo("1");
    assertThat(table.at("/metadata/continue").asText()).isEqualTo("abc");
  }

  @Test
  void kindsWithoutPrintersShowNameAndAge() {
    ObjectNode table = new TableRenderer(type("v1", "Endpoints"), null, CLOCK).list(Json.object());
    assertThat(headers(table, 1)).containsExactly("Name", "Age");
  }

  @Test
  void rejectsUnknownIncludeObject() {
    assertThatThrownBy(() -> new TableRenderer(type("v1", "Pod"), "Everything", CLOCK))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  @Test
  void recognisesTheTableAcceptHeader() {
    assertThat(TableRenderer.wantsTable("application/json;as=Table;v=v1;g=meta.k8s.io,"
        + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json")).isTrue();
    assertThat(TableRenderer.wantsTable("application/json")).isFalse();
    assertThat(TableRenderer.wantsTable(null)).isFalse();
  }

  @Test
  void humanDurationsMatchKubectl() {
    assertThat(HumanDuration.format(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
    assertThat(HumanDuration.format(Duration.ofMillis(-500))).isEqualTo("0s");
    assertThat(HumanDuration.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(HumanDuration.format(Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(HumanDuration.format(Duration.ofSeconds(200))).isEqualTo("3m20s");
    assertThat(HumanDuration.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(HumanDuration.format(Duration.ofMinutes(150))).isEqualTo("150m");
    assertThat(HumanDuration.format(Duration.ofMinutes(5 * 60 + 7))).isEqualTo("5h7m");
    assertThat(HumanDuration.format(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(HumanDuration.format(Duration.ofHours(75))).isEqualTo("3d3h");
    assertThat(HumanDuration.format(Duration.ofDays(40))).isEqualTo("40d");
    assertThat(HumanDuration.format(Duration.ofDays(365 * 3 + 2))).isEqualTo("3y2d");
    assertThat(HumanDuration.format(Duration.ofDays(365 * 9))).isEqualTo("9y");
  }
}
