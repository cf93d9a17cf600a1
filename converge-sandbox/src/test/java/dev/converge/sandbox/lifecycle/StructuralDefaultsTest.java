package dev.converge.sandbox.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StructuralDefaultsTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("missing scalar gets its default",
            "properties: {spec: {type: object, properties: {replicas: {type: integer, default: 1}}}}",
            "{spec: {}}", "{spec: {replicas: 1}}"),
        Arguments.of("present value is kept",
            "properties: {spec: {type: object, properties: {replicas: {type: integer, default: 1}}}}",
            "{spec: {replicas: 5}}", "{spec: {replicas: 5}}"),
        Arguments.of("null that is not nullable is defaulted",
            "properties: {spec: {type: object, properties: {mode: {type: string, default: a}}}}",
            "{spec: {mode: null}}", "{spec: {mode: a}}"),
        Arguments.of("null that is nullable is kept",
            "properties: {spec: {type: object, properties: {mode: {type: string, nullable: true, default: a}}}}",
            "{spec: {mode: null}}", "{spec: {mode: null}}"),
        Arguments.of("defaulted object is defaulted inside",
            "properties: {spec: {type: object, default: {}, properties: {x: {type: string, default: y}}}}",
            "{}", "{spec: {x: y}}"),
        Arguments.of("array items are defaulted",
            "properties: {ports: {type: array, items: {type: object, properties: {protocol: {type: string, default: TCP}}}}}",
            "{ports: [{port: 1}, {protocol: UDP}]}",
            "{ports: [{port: 1, protocol: TCP}, {protocol: UDP}]}"),
        Arguments.of("additionalProperties values are defaulted",
            "properties: {m: {type: object, additionalProperties: {type: object, properties: {on: {type: boolean, default: true}}}}}",
            "{m: {a: {}, b: {on: false}}}", "{m: {a: {on: true}, b: {on: false}}}"),
        Arguments.of("absent parent without default stays absent",
            "properties: {spec: {type: object, properties: {replicas: {type: integer, default: 1}}}}",
            "{}", "{}"),
        Arguments.of("metadata is left alone",
            "properties: {metadata: {type: object, properties: {name: {type: string, default: n}}}}",
            "{metadata: {}}", "{metadata: {}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givenSchema_whenDefaulted_thenMatchesExpected(String name, String schema, String input,
      String expected) {
    // given
    ObjectNode obj = (ObjectNode) yaml(input);

    // when
    StructuralDefaults.applyToObject(obj, yaml(schema));

    // then
    assertThat(obj).isEqualTo(yaml(expected));
  }

  private static JsonNode yaml(String text) {
    try {
      return Json.parse(text.getBytes(StandardCharsets.UTF_8), true);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
