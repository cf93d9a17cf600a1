package dev.converge.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.converge.engine.diff.ObjectDiff.Change;
import dev.converge.engine.manifest.ObjectKey;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The pure diff: what the server keeps for itself is ignored, Secret values never shown. */
class ObjectDiffTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectKey WEB = new ObjectKey("apps", "Deployment", "prod", "web");
  static final ObjectKey TOKEN = new ObjectKey("", "Secret", "prod", "token");

  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static JsonNode web(String image, int replicas, String serverBits) {
    return yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: prod
          %s
        spec:
          replicas: %d
          template:
            spec:
              containers: [{name: app, image: "%s"}]
        status: {readyReplicas: 1}
        """.formatted(serverBits, replicas, image));
  }

  @Nested
  class Objects {
    @Test
    void givenOnlyServerBookkeepingDiffers_whenComputed_thenUnchangedWithNoLines() {
      // given
      JsonNode live = web("nginx:1", 2, "resourceVersion: '7'\n  generation: 3\n  uid: a\n"
          + "  creationTimestamp: '2026-01-01T00:00:00Z'\n  managedFields: [{manager: kubectl}]");
      JsonNode dryRun = web("nginx:1", 2, "resourceVersion: '9'\n  generation: 4\n  uid: a\n"
          + "  managedFields: [{manager: converge}]\n  annotations: {converge.dev/applied-digest: b2}");

      // when
      ObjectDiff diff = ObjectDiff.compute(WEB, live, dryRun);

      // then
      assertThat(diff.change()).isEqualTo(Change.UNCHANGED);
      assertThat(diff.lines()).isEmpty();
    }

    @Test
    void givenImageAndReplicasChanged_whenComputed_thenOldAndNewLinesByPath() {
      // when
      ObjectDiff diff = ObjectDiff.compute(WEB, web("nginx:1", 2, ""), web("nginx:2", 3, ""));

      // then
      assertThat(diff.change()).isEqualTo(Change.CHANGED);
      assertThat(diff.lines()).containsExactly(
          "- spec.replicas: 2", "+ spec.replicas: 3",
          "- spec.template.spec.containers[0].image: \"nginx:1\"",
          "+ spec.template.spec.containers[0].image: \"nginx:2\"");
      assertThat(diff.header()).startsWith("~ apps/namespaces/prod/Deployment/web");
    }

    @Test
    void givenNoLiveObject_whenComputed_thenAddedWithEveryField() {
      // when
      ObjectDiff diff = ObjectDiff.compute(WEB, null, web("nginx:1", 2, ""));

      // then
      assertThat(diff.change()).isEqualTo(Change.ADDED);
      assertThat(diff.lines()).contains("+ spec.replicas: 2", "+ kind: \"Deployment\"")
          .noneMatch(l -> l.contains("readyReplicas"));
    }
  }

  @Nested
  class Secrets {
    static JsonNode secret(String data) {
      return yaml("""
          apiVersion: v1
          kind: Secret
          metadata:
            name: token
            namespace: prod
            annotations: {kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"c2VjcmV0"}}'}
          data: %s
          """.formatted(data));
    }

    @Test
    void givenSecretValuesChanged_whenComputed_thenKeysAndStatesShownButNeverValues() {
      // when
      ObjectDiff diff = ObjectDiff.compute(TOKEN,
          secret("{password: c2VjcmV0, user: YWRtaW4=, old: eA==}"),
          secret("{password: bmV3c2VjcmV0, user: YWRtaW4=, fresh: eQ==}"));

      // then
      assertThat(diff.change()).isEqualTo(Change.CHANGED);
      assertThat(diff.lines()).containsExactly(
          "~ data.fresh: (added, value hidden)",
          "~ data.old: (removed, value hidden)",
          "~ data.password: (changed, value hidden)",
          "  data.user: (unchanged, value hidden)",
          "  metadata.annotations.kubectl.kubernetes.io/last-applied-configuration: (unchanged, value hidden)");
      assertThat(String.join("\n", diff.lines())).doesNotContain("c2VjcmV0", "bmV3c2VjcmV0", "YWRtaW4=", "eA==");
    }

    @Test
    void givenNewSecretWithStringData_whenComputed_thenAddedWithValuesHidden() {
      // when
      ObjectDiff diff = ObjectDiff.compute(TOKEN, null, yaml("""
          apiVersion: v1
          kind: Secret
          metadata: {name: token, namespace: prod}
          stringData: {password: hunter2}
          """));

      // then
      assertThat(diff.change()).isEqualTo(Change.ADDED);
      assertThat(diff.lines()).contains("~ stringData.password: (added, value hidden)");
      assertThat(String.join("\n", diff.lines())).doesNotContain("hunter2");
    }

    @Test
    void givenSameSecret_whenComputed_thenUnchanged() {
      assertThat(ObjectDiff.compute(TOKEN, secret("{a: eA==}"), secret("{a: eA==}")).change())
          .isEqualTo(Change.UNCHANGED);
    }
  }
}
