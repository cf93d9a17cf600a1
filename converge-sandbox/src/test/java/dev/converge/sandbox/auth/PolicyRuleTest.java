package dev.converge.sandbox.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.sandbox.api.Json;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rule matching follows the API server's: wildcards, subresources, names and URL prefixes. */
class PolicyRuleTest {
  static PolicyRule rule(String yaml) throws Exception {
    return PolicyRule.from(Json.parse(yaml.getBytes(), true));
  }

  static Attributes request(String verb, String group, String resource, String sub,
      String name) {
    return Attributes.resource("u", List.of(), verb, group, resource, sub, "ns", name);
  }

  @Nested
  class Resources {
    @ParameterizedTest(name = "{0} {1}/{2}/{3} name={4} by [{5}] -> {6}")
    @CsvSource(delimiter = '|', textBlock = """
        get    | apps | deployments | ''     | ''  | {apiGroups: [apps], resources: [deployments], verbs: [get]}             | true
        list   | apps | deployments | ''     | ''  | {apiGroups: [apps], resources: [deployments], verbs: [get]}             | false
        get    | ''   | deployments | ''     | ''  | {apiGroups: [apps], resources: [deployments], verbs: [get]}             | false
        delete | x.io | widgets     | ''     | ''  | {apiGroups: ['*'], resources: ['*'], verbs: ['*']}                      | true
        get    | apps | deployments | status | ''  | {apiGroups: [apps], resources: [deployments], verbs: [get]}             | false
        get    | apps | deployments | status | ''  | {apiGroups: [apps], resources: [deployments/status], verbs: [get]}      | true
        get    | apps | deployments | ''     | ''  | {apiGroups: [apps], resources: [deployments/status], verbs: [get]}      | false
        get    | apps | deployments | scale  | ''  | {apiGroups: [apps], resources: ['*/scale'], verbs: [get]}               | true
        get    | apps | deployments | ''     | ''  | {apiGroups: [apps], resources: ['*/scale'], verbs: [get]}               | false
        get    | apps | deployments | status | ''  | {apiGroups: [apps], resources: ['*'], verbs: [get]}                     | true
        get    | ''   | configmaps  | ''     | a   | {apiGroups: [''], resources: [configmaps], resourceNames: [a], verbs: [get]} | true
        get    | ''   | configmaps  | ''     | b   | {apiGroups: [''], resources: [configmaps], resourceNames: [a], verbs: [get]} | false
        list   | ''   | configmaps  | ''     | ''  | {apiGroups: [''], resources: [configmaps], resourceNames: [a], verbs: [list]} | false
        """)
    void matchesLikeTheApiServer(String verb, String group, String resource, String sub,
        String name, String yaml, boolean allowed) throws Exception {
      assertThat(rule(yaml).allowsResource(request(verb, group, resource, sub, name)))
          .isEqualTo(allowed);
    }
  }

  @Nested
  class NonResourceUrls {
    @ParameterizedTest(name = "{0} {1} by {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
        get  | /version         | [/version]        | true
        get  | /version/        | [/version]        | false
        get  | /apis/apps/v1    | ['/apis/*']       | true
        get  | /apis            | ['/apis/*']       | false
        get  | /anything        | ['*']             | true
        post | /version         | [/version]        | false
        """)
    void matchesExactlyOrByTrailingStarPrefix(String verb, String path, String urls,
        boolean allowed) throws Exception {
      PolicyRule rule = rule("{nonResourceURLs: " + urls + ", verbs: [get]}");
      assertThat(rule.allowsNonResource(Attributes.nonResource("u", List.of(), verb, path)))
          .isEqualTo(allowed);
    }
  }
}
