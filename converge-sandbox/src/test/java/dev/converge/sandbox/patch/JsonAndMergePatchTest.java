package dev.converge.sandbox.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.schema.TypeSchema;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class JsonAndMergePatchTest {
  private static final String LIVE = """
      metadata: {name: x, labels: {a: "1", b: "2"}}
      spec:
        replicas: 1
        containers: [{name: app, image: app:1, args: [x, y]}]
      """;

  record Case(String patch, String expected) {}

  record Failure(String patch, int code, String reason, String message) {}

  @Nested
  class JsonPatch {
    static Stream<Arguments> applies() {
      return Stream.of(
          named("replace after a passing test", new Case("""
              - {op: test, path: /spec/replicas, value: 1}
              - {op: replace, path: /spec/replicas, value: 3}
              """, LIVE.replace("replicas: 1", "replicas: 3"))),
          named("add and remove", new Case("""
              - {op: add, path: /metadata/labels/c, value: "3"}
              - {op: remove, path: /metadata/labels/a}
              """, LIVE.replace("labels: {a: \"1\", b: \"2\"}", "labels: {b: \"2\", c: \"3\"}"))),
          named("append to an array", new Case("""
              - {op: add, path: /spec/containers/0/args/-, value: z}
              """, LIVE.replace("[x, y]", "[x, y, z]"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applies")
    void givenJsonPatch_whenApplied_thenRfc6902(Case c) {
      assertThat(Patcher.apply(PatchType.JSON, Yaml.object(LIVE), Yaml.node(c.patch()),
          TypeSchema.NONE)).isEqualTo(Yaml.object(c.expected()));
    }

    static Stream<Arguments> failures() {
      return Stream.of(
          named("failed test", new Failure("[{op: test, path: /spec/replicas, value: 2}]",
              422, "Invalid", "the server rejected our request due to an error in our request")),
          named("missing path", new Failure("[{op: remove, path: /spec/nope}]",
              422, "Invalid", "the server rejected our request")),
          named("unknown op", new Failure("[{op: frobnicate, path: /spec}]",
              422, "Invalid", "the server rejected our request")),
          named("not a list", new Failure("{op: remove, path: /spec}",
              400, "BadRequest", "cannot unmarshal object into Go value of type jsonpatch.Patch")),
          named("operation not an object", new Failure("[remove]",
              400, "BadRequest", "jsonpatch.Operation")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void givenBadJsonPatch_whenApplied_thenFailsAsUpstream(Failure f) {
      assertFails(PatchType.JSON, f);
    }
  }

  @Nested
  class MergePatch {
    static Stream<Arguments> applies() {
      return Stream.of(
          named("null deletes", new Case("metadata: {labels: {a: null}}",
              LIVE.replace("a: \"1\", ", ""))),
          named("objects merge recursively", new Case("spec: {paused: true}",
              LIVE.replace("replicas: 1", "replicas: 1\n  paused: true"))),
          named("arrays are replaced", new Case("spec: {containers: [{name: other}]}",
              LIVE.replace("[{name: app, image: app:1, args: [x, y]}]", "[{name: other}]"))),
          named("nulls inside a new object are dropped", new Case(
              "spec: {strategy: {type: Recreate, rollingUpdate: null}}",
              LIVE + "  strategy: {type: Recreate}\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applies")
    void givenMergePatch_whenApplied_thenRfc7386(Case c) {
      assertThat(Patcher.apply(PatchType.MERGE, Yaml.object(LIVE), Yaml.node(c.patch()),
          TypeSchema.NONE)).isEqualTo(Yaml.object(c.expected()));
    }

    static Stream<Arguments> failures() {
      return Stream.of(named("not an object",
          new Failure("[1]", 400, "BadRequest", "Invalid JSON Patch")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void givenBadMergePatch_whenApplied_thenBadRequest(Failure f) {
      assertFails(PatchType.MERGE, f);
    }
  }

  private static void assertFails(PatchType type, Failure f) {
    ObjectNode live = Yaml.object(LIVE);
    assertThatThrownBy(() -> Patcher.apply(type, live, Yaml.node(f.patch()), TypeSchema.NONE))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(f.code());
          assertThat(e.reason()).isEqualTo(f.reason());
        })
        .hasMessageContaining(f.message());
  }

  private static Arguments named(String name, Object value) {
    return Arguments.of(Named.of(name, value));
  }
}
