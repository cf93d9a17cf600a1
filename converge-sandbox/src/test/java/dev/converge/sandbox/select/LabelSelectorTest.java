package dev.converge.sandbox.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorTest {
  private static final String LABELS = "{\"app\":\"web\",\"tier\":\"front\",\"n\":\"5\"}";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("", true),
        Arguments.of("app=web", true),
        Arguments.of("app==web", true),
        Arguments.of("app = web", true),
        Arguments.of("app=db", false),
        Arguments.of("app!=db", true),
        Arguments.of("app!=web", false),
        Arguments.of("missing!=x", true),
        Arguments.of("app in (web, db)", true),
        Arguments.of("app in (db)", false),
        Arguments.of("app notin (db,cache)", true),
        Arguments.of("app notin (web)", false),
        Arguments.of("missing notin (web)", true),
        Arguments.of("missing in (web)", false),
        Arguments.of("app", true),
        Arguments.of("missing", false),
        Arguments.of("!missing", true),
        Arguments.of("!app", false),
        Arguments.of("app=web,tier=front", true),
        Arguments.of("app=web,tier=back", false),
        Arguments.of("app in (web),!canary,tier", true),
        Arguments.of("n>3", true),
        Arguments.of("n<3", false),
        Arguments.of("missing=", false),
        Arguments.of("missing in ()", false));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cases")
  void givenSelector_whenMatched_thenFollowsLabelsSemantics(String selector, boolean expected)
      throws Exception {
    JsonNode labels = Json.MAPPER.readTree(LABELS);
    assertThat(LabelSelector.parse(selector).matches(labels)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.converge.sandbox.select.LabelSelectorTest#badSelectors")
  void givenBadSelector_whenParsed_thenBadRequest(String selector, String message) {
    assertThatThrownBy(() -> LabelSelector.parse(selector))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.reason()).isEqualTo("BadRequest");
          assertThat(e.getMessage()).isEqualTo("unable to parse requirement: " + message);
        });
  }

  static Stream<Arguments> badSelectors() {
    return Stream.of(
        Arguments.of("app in web", "found 'web', expected: '('"),
        Arguments.of("app in (web", "found '', expected: ',' or ')'"),
        Arguments.of("=web", "found '=', expected: identifier"),
        Arguments.of("!", "found '', expected: identifier after '!'"),
        Arguments.of("a b", "found 'b', expected: in, notin, =, ==, !=, gt, lt"),
        Arguments.of("n>x", "for 'Gt', 'Lt' operators, the value must be an integer"),
        Arguments.of("-bad=x", "key: Invalid value: \"-bad\": name part must consist of "
            + "alphanumeric characters, '-', '_' or '.', and must start and end with an "
            + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used"
            + " for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"));
  }
}
