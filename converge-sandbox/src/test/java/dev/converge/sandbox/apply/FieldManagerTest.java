package dev.converge.sandbox.apply;

import static dev.converge.sandbox.apply.TestSchemas.CONFIG_MAP;
import static dev.converge.sandbox.apply.TestSchemas.DEPLOYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FieldManagerTest {
  private final TickingClock clock = new TickingClock();
  private final FieldManager fields = new FieldManager(TestSchemas.REGISTRY, clock);

  static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) Json.YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode cm(String data) {
    return yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\n"
        + "data: " + data);
  }

  ObjectNode apply(ObjectNode live, ObjectNode applied, String manager) {
    return fields.apply(CONFIG_MAP, live, applied, manager, false, "");
  }

  static JsonNode managed(ObjectNode obj) {
    return obj.path("metadata").path("managedFields");
  }

  static JsonNode entry(ObjectNode obj, String manager, String operation) {
    for (JsonNode e : managed(obj)) {
      if (e.path("manager").asText().equals(manager)
          && e.path("operation").asText().equals(operation)) {
        return e;
      }
    }
    return null;
  }

  static FieldSet owned(ObjectNode obj, String manager, String operation) {
    JsonNode e = entry(obj, manager, operation);
    return e == null ? FieldSet.empty() : FieldsV1.decode(e.get("fieldsV1"));
  }

  @Nested
  class CreateOnApply {
    @Test
    void givenNoLiveObject_whenApplied_thenMergedWithApplyEntry() {
      // when
      ObjectNode created = apply(null, cm("{a: '1'}"), "a");

      // then
      assertThat(created.path("data").path("a").asText()).isEqualTo("1");
      assertThat(created.path("metadata").path("name").asText()).isEqualTo("c");
      assertThat(Json.text(managed(created))).isEqualTo("[{\"manager\":\"a\",\"operation\":"
          + "\"Apply\",\"apiVersion\":\"v1\",\"time\":\"2026-01-01T00:00:00Z\",\"fieldsType\":"
          + "\"FieldsV1\",\"fieldsV1\":{\"f:data\":{\"f:a\":{}}}}]");
    }
  }

  @Test
  void givenManagedFieldsInConfiguration_whenApplied_thenBadRequest() {
    ObjectNode applied = cm("{a: '1'}");
    ((ObjectNode) applied.get("metadata")).putArray("managedFields").addObject();
    assertThatThrownBy(() -> apply(null, applied, "a"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  @Nested
  class Conflicts {
    @Test
    void givenOtherManagerOwnsKey_whenDifferentValueApplied_thenConflictNamingIt() {
      // given
      ObjectNode live = apply(null, cm("{k: '1'}"), "a");

      // when / then
      assertThatThrownBy(() -> apply(live, cm("{k: '2'}"), "b"))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(409);
            assertThat(e.reason()).isEqualTo("Conflict");
            assertThat(e.getMessage())
                .isEqualTo("Apply failed with 1 conflict: conflict with \"a\": .data.k");
            assertThat(e.causes()).containsExactly(
                new ApiException.Cause("FieldManagerConflict", "conflict with \"a\"", ".data.k"));
          });
    }

    @Test
    void givenSameValue_whenApplied_thenSharedOwnership() {
      ObjectNode live = apply(null, cm("{k: '1'}"), "a");
      ObjectNode shared = apply(live, cm("{k: '1'}"), "b");
      assertThat(owned(shared, "a", "Apply").contains(FieldPath.fields("data", "k"))).isTrue();
      assertThat(owned(shared, "b", "Apply").contains(FieldPath.fields("data", "k"))).isTrue();
    }

    @Test
    void givenConflict_whenForced_thenOwnershipMovesToApplier() {
      // given
      ObjectNode live = apply(null, cm("{k: '1', other: x}"), "a");

      // when
      ObjectNode forced = fields.apply(CONFIG_MAP, live, cm("{k: '2'}"), "b", true, "");

      // then
      assertThat(forced.path("data").path("k").asText()).isEqualTo("2");
      assertThat(owned(forced, "a", "Apply").paths())
          .containsExactly(FieldPath.fields("data", "other"));
      assertThat(owned(forced, "b", "Apply").paths())
          .containsExactly(FieldPath.fields("data", "k"));
    }

    @Test
    void givenUpdateManagerOwnsReplicas_whenApplierChangesIt_thenMessageNamesItsVersion() {
      // given
      ObjectNode previous = yaml("apiVersion: apps/v1\nkind: Deployment\n"
          + "metadata: {name: d, namespace: default}\nspec: {replicas: 1}");
      ObjectNode next = previous.deepCopy();
      fields.recordUpdate(DEPLOYMENT, null, next, "kubectl-client-side-apply", "");

      // when / then
      ObjectNode applied = yaml("apiVersion: apps/v1\nkind: Deployment\n"
          + "metadata: {name: d, namespace: default}\nspec: {replicas: 3}");
      assertThatThrownBy(() -> fields.apply(DEPLOYMENT, next, applied, "a", false, ""))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("Apply failed with 1 conflict: conflict with "
                + "\"kubectl-client-side-apply\" using apps/v1: .spec.replicas");
            assertThat(e.causes()).extracting(ApiException.Cause::field)
                .containsExactly(".spec.replicas");
          });
    }
  }

  @Nested
  class Removal {
    @Test
    void givenKeyNoLongerApplied_whenReapplied_thenRemoved() {
      ObjectNode live = apply(null, cm("{k: '1', j: '2'}"), "a");
      ObjectNode next = apply(live, cm("{k: '1'}"), "a");
      assertThat(next.path("data").has("j")).isFalse();
      assertThat(owned(next, "a", "Apply").paths()).containsExactly(FieldPath.fields("data", "k"));
    }

    @Test
    void givenLastKeyNoLongerApplied_whenReapplied_thenEmptiedMapDropped() {
      ObjectNode live = apply(null, cm("{k: '1'}"), "a");
      ObjectNode next = apply(live, yaml("apiVersion: v1\nkind: ConfigMap\n"
          + "metadata: {name: c, namespace: default, labels: {x: y}}"), "a");
      assertThat(next.has("data")).isFalse();
    }

    @Test
    void givenKeyAlsoOwnedByOther_whenNoLongerApplied_thenKeptAndOnlyOwnershipDropped() {
      ObjectNode live = apply(null, cm("{k: '1', j: '2'}"), "a");
      live = apply(live, cm("{j: '2'}"), "b");
      ObjectNode next = apply(live, cm("{k: '1'}"), "a");
      assertThat(next.path("data").path("j").asText()).isEqualTo("2");
      assertThat(owned(next, "a", "Apply").contains(FieldPath.fields("data", "j"))).isFalse();
      assertThat(owned(next, "b", "Apply").contains(FieldPath.fields("data", "j"))).isTrue();
    }
  }

  @Nested
  class Lists {
    static ObjectNode deployment(String containers) {
      return yaml("apiVersion: apps/v1\nkind: Deployment\n"
          + "metadata: {name: d, namespace: default}\n"
          + "spec:\n  template:\n    spec:\n      containers: " + containers);
    }

    ObjectNode applyDeployment(ObjectNode live, ObjectNode applied, String manager) {
      return fields.apply(DEPLOYMENT, live, applied, manager, false, "");
    }

    static List<String> names(ObjectNode d) {
      return d.path("spec").path("template").path("spec").path("containers").findValuesAsText(
          "name");
    }

    @Test
    void givenContainersByName_whenAnotherManagerAppliesOne_thenMergedByKeyAppliedFirst() {
      // given
      ObjectNode live = applyDeployment(null,
          deployment("[{name: app, image: app:1}, {name: log, image: log:1}]"), "a");

      // when
      ObjectNode merged = applyDeployment(live,
          deployment("[{name: sidecar, image: s:1}, {name: app, image: app:1}]"), "b");

      // then
      assertThat(names(merged)).containsExactly("sidecar", "app", "log");
      assertThat(owned(merged, "b", "Apply").contains(FieldPath.of("f:spec", "f:template",
          "f:spec", "f:containers", "k:{\"name\":\"sidecar\"}"))).isTrue();
    }

    @Test
    void givenApplierDropsAContainer_whenReapplied_thenItemRemoved() {
      ObjectNode live = applyDeployment(null,
          deployment("[{name: app, image: app:1}, {name: log, image: log:1}]"), "a");
      ObjectNode next = applyDeployment(live, deployment("[{name: app, image: app:2}]"), "a");
      assertThat(names(next)).containsExactly("app");
      assertThat(next.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("app:2");
    }

    @Test
    void givenOtherManagerOwnsAFieldOfTheItem_whenApplierDropsIt_thenItemKeptWithThatField() {
      ObjectNode live = applyDeployment(null,
          deployment("[{name: app, image: app:1}, {name: log, image: log:1}]"), "a");
      live = applyDeployment(live, deployment("[{name: log, image: log:1}]"), "b");
      ObjectNode next = applyDeployment(live, deployment("[{name: app, image: app:1}]"), "a");
      assertThat(names(next)).containsExactly("app", "log");
    }

    @Test
    void givenPortsWithoutProtocol_whenApplied_thenKeyedWithDefaultProtocol() {
      ObjectNode d = applyDeployment(null,
          deployment("[{name: app, ports: [{containerPort: 80}]}]"), "a");
      assertThat(Json.text(entry(d, "a", "Apply").get("fieldsV1"))).contains(
          "\"k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},"
              + "\"f:containerPort\":{}}");
    }

    @Test
    void givenSet_whenTwoManagersApplyValues_thenUnionAndRemovalByValue() {
      ObjectNode live = applyDeployment(null, yaml("apiVersion: apps/v1\nkind: Deployment\n"
          + "metadata: {name: d}\nspec: {tags: [a, b]}"), "a");
      live = applyDeployment(live, yaml("apiVersion: apps/v1\nkind: Deployment\n"
          + "metadata: {name: d}\nspec: {tags: [c]}"), "b");
      // applied values first, then the others in their order
      assertThat(live.at("/spec/tags").toString()).isEqualTo("[\"c\",\"a\",\"b\"]");
      ObjectNode next = applyDeployment(live, yaml("apiVersion: apps/v1\nkind: Deployment\n"
          + "metadata: {name: d}\nspec: {tags: [a]}"), "a");
      assertThat(next.at("/spec/tags").toString()).isEqualTo("[\"a\",\"c\"]");
    }

    @Test
    void givenFinalizersAndOwnerReferences_whenApplied_thenSetAndMapByUid() {
      ObjectNode d = apply(null, yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
          + "  finalizers: [x/y]\n  ownerReferences: [{uid: u1, name: o, kind: K, "
          + "apiVersion: v1}]"), "a");
      FieldSet set = owned(d, "a", "Apply");
      assertThat(set.contains(FieldPath.of("f:metadata", "f:finalizers", "v:\"x/y\""))).isTrue();
      assertThat(set.contains(FieldPath.of("f:metadata", "f:ownerReferences",
          "k:{\"uid\":\"u1\"}", "f:kind"))).isTrue();
    }
  }

  @Nested
  class NoOps {
    @Test
    void givenUnchangedConfiguration_whenReappliedLater_thenObjectEqualToLive() {
      ObjectNode live = apply(null, cm("{k: '1'}"), "a");
      clock.advance(Duration.ofMinutes(5));
      assertThat(apply(live, cm("{k: '1'}"), "a")).isEqualTo(live);
    }

    @Test
    void givenNothingChanged_whenUpdateRecorded_thenManagedFieldsUntouched() {
      ObjectNode live = apply(null, cm("{k: '1'}"), "a");
      ObjectNode next = live.deepCopy();
      clock.advance(Duration.ofMinutes(5));
      fields.recordUpdate(CONFIG_MAP, live, next, "kubectl-edit", "");
      assertThat(next).isEqualTo(live);
    }

    @Test
    void givenChangedConfiguration_whenReapplied_thenTimeAdvances() {
      ObjectNode live = apply(null, cm("{k: '1'}"), "a");
      clock.advance(Duration.ofMinutes(5));
      ObjectNode next = apply(live, cm("{k: '2'}"), "a");
      assertThat(entry(next, "a", "Apply").path("time").asText())
          .isEqualTo("2026-01-01T00:05:00Z");
    }
  }

  @Nested
  class Updates {
    @Test
    void givenCreate_whenRecorded_thenUpdateEntryOwnsAllFieldsLikeKubectlCreate() {
      ObjectNode created = cm("{a: '1'}");
      fields.recordUpdate(CONFIG_MAP, null, created, "kubectl-create", "");
      JsonNode e = entry(created, "kubectl-create", "Update");
      assertThat(Json.text(e.get("fieldsV1"))).isEqualTo("{\"f:data\":{\".\":{},\"f:a\":{}}}");
      assertThat(e.path("apiVersion").asText()).isEqualTo("v1");
    }

    @Test
    void givenCreateWithoutOwnableFields_whenRecorded_thenNoManagedFields() {
      ObjectNode created = yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}");
      fields.recordUpdate(CONFIG_MAP, null, created, "kubectl-create", "");
      assertThat(created.path("metadata").has("managedFields")).isFalse();
    }

    @Test
    void givenAppliedField_whenUpdatedByOther_thenOwnershipMovesToUpdater() {
      ObjectNode live = apply(null, cm("{k: '1', j: '1'}"), "a");
      ObjectNode next = live.deepCopy();
      ((ObjectNode) next.get("data")).put("k", "2");
      fields.recordUpdate(CONFIG_MAP, live, next, "editor", "");
      assertThat(owned(next, "a", "Apply").paths())
          .containsExactly(FieldPath.fields("data", "j"));
      assertThat(owned(next, "editor", "Update").paths())
          .containsExactly(FieldPath.fields("data", "k"));
    }

    @Test
    void givenSameManagerAppliesAndUpdates_thenEntriesStaySeparate() {
      ObjectNode live = apply(null, cm("{k: '1'}"), "a");
      ObjectNode next = live.deepCopy();
      ((ObjectNode) next.get("data")).put("u", "1");
      fields.recordUpdate(CONFIG_MAP, live, next, "a", "");
      assertThat(managed(next)).hasSize(2);
      assertThat(owned(next, "a", "Apply").paths()).containsExactly(FieldPath.fields("data", "k"));
      assertThat(owned(next, "a", "Update").paths()).containsExactly(FieldPath.fields("data", "u"));
    }

    @Test
    void givenEmptyEntrySent_whenUpdateRecorded_thenManagedFieldsReset() {
      ObjectNode live = apply(null, cm("{k: '1'}"), "a");
      ObjectNode next = live.deepCopy();
      ((ObjectNode) next.get("metadata")).putArray("managedFields").addObject();
      fields.recordUpdate(CONFIG_MAP, live, next, "editor", "");
      assertThat(next.path("metadata").has("managedFields")).isFalse();
    }

    @Test
    void givenRemovedField_whenUpdateRecorded_thenNoOneOwnsIt() {
      ObjectNode live = apply(null, cm("{k: '1', j: '1'}"), "a");
      ObjectNode next = live.deepCopy();
      ((ObjectNode) next.get("data")).remove("j");
      fields.recordUpdate(CONFIG_MAP, live, next, "editor", "");
      assertThat(owned(next, "a", "Apply").paths()).containsExactly(FieldPath.fields("data", "k"));
      assertThat(entry(next, "editor", "Update")).isNull();
    }
  }

  @Nested
  class Status {
    static ObjectNode withStatus(String spec, String status) {
      return yaml("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: " + spec
          + "\nstatus: " + status);
    }

    @Test
    void givenStatusSplit_whenAppliedToMainResource_thenStatusNotOwnedNorMerged() {
      ObjectNode d = fields.apply(DEPLOYMENT, null, withStatus("{replicas: 1}", "{ready: 1}"), "a",
          false, "");
      assertThat(Json.text(entry(d, "a", "Apply").get("fieldsV1")))
          .isEqualTo("{\"f:spec\":{\"f:replicas\":{}}}");
      assertThat(d.has("status")).isFalse();
    }

    @Test
    void givenStatusSubresource_whenApplied_thenOnlyStatusWithSubresourceEntry() {
      ObjectNode live = fields.apply(DEPLOYMENT, null, withStatus("{replicas: 1}", "{}"), "a",
          false, "");
      ObjectNode d = fields.apply(DEPLOYMENT, live, withStatus("{replicas: 5}", "{ready: 1}"),
          "ctrl", false, "status");
      assertThat(d.at("/spec/replicas").asInt()).isEqualTo(1);
      assertThat(d.at("/status/ready").asInt()).isEqualTo(1);
      JsonNode e = entry(d, "ctrl", "Apply");
      assertThat(e.path("subresource").asText()).isEqualTo("status");
      assertThat(Json.text(e.get("fieldsV1"))).isEqualTo("{\"f:status\":{\"f:ready\":{}}}");
    }
  }

  /** A clock tests move forward explicitly. */
  static final class TickingClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
