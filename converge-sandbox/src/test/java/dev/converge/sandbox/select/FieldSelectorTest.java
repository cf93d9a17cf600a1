package dev.converge.sandbox.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldSelectorTest {
  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final ObjectNode POD = json("{\"metadata\":{\"name\":\"p1\",\"namespace\":"
      + "\"ns\"},\"spec\":{\"nodeName\":\"n1\",\"restartPolicy\":\"Always\"},"
      + "\"status\":{\"phase\":\"Running\",\"podIP\":\"10.0.0.1\"}}");
  private static final ObjectNode EVENT = json("{\"metadata\":{\"name\":\"e\"},"
      + "\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"p1\",\"namespace\":\"ns\","
      + "\"uid\":\"u\"},\"reason\":\"Scheduled\",\"type\":\"Normal\"}");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("Pod", POD, "metadata.name=p1", true),
        Arguments.of("Pod", POD, "metadata.name==p1", true),
        Arguments.of("Pod", POD, "metadata.name!=p1", false),
        Arguments.of("Pod", POD, "metadata.namespace=ns,metadata.name=p1", true),
        Arguments.of("Pod", POD, "spec.nodeName=n1", true),
        Arguments.of("Pod", POD, "spec.nodeName=", false),
        Arguments.of("Pod", POD, "status.phase!=Succeeded,status.phase!=Failed", true),
        Arguments.of("Pod", POD, "status.podIP=10.0.0.1", true),
        Arguments.of("Pod", POD, "spec.restartPolicy=Never", false),
        Arguments.of("Pod", json("{\"metadata\":{\"name\":\"q\"}}"), "spec.nodeName=", true),
        Arguments.of("Event", EVENT, "involvedObject.kind=Pod,involvedObject.name=p1", true),
        Arguments.of("Event", EVENT, "involvedObject.uid=u,reason=Scheduled,type=Normal", true),
        Arguments.of("Event", EVENT, "involvedObject.namespace=other", false));
  }

  @ParameterizedTest(name = "{0}: {2} -> {3}")
  @MethodSource("cases")
  void givenSelector_whenMatched_thenComparesTheKindsFields(String kind, ObjectNode obj,
      String selector, boolean expected) {
    assertThat(FieldSelector.forKind(selector, "", kind).matches(obj)).isEqualTo(expected);
  }

  @Test
  void givenPerKindFields_thenSecretNamespaceAndJobFieldsResolve() {
    assertThat(FieldSelector.forKind("type=kubernetes.io/tls", "", "Secret")
        .matches(json("{\"type\":\"kubernetes.io/tls\"}"))).isTrue();
    assertThat(FieldSelector.forKind("status.phase=Active", "", "Namespace")
        .matches(json("{\"status\":{\"phase\":\"Active\"}}"))).isTrue();
    assertThat(FieldSelector.forKind("status.successful=1", "batch", "Job")
        .matches(json("{\"status\":{\"succeeded\":1}}"))).isTrue();
    assertThat(FieldSelector.forKind("status.successful=0", "batch", "Job")
        .matches(json("{\"status\":{}}"))).isTrue();
  }

  @Test
  void givenEscapedValue_thenCommaAndEqualsAreLiteral() {
    assertThat(FieldSelector.forKind("metadata.name=a\\,b\\=c", "", "ConfigMap")
        .matches(json("{\"metadata\":{\"name\":\"a,b=c\"}}"))).isTrue();
  }

  @Test
  void givenUnsupportedField_thenBadRequestNamingIt() {
    assertThatThrownBy(() -> FieldSelector.forKind("spec.nodeName=n1", "", "ConfigMap"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo("field label not supported: spec.nodeName");
        });
  }

  @Test
  void givenTermWithoutOperator_thenBadRequest() {
    assertThatThrownBy(() -> FieldSelector.forKind("metadata.name", "", "Pod"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
  }
}
