package dev.converge.sandbox.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HTTP requests become authorization attributes, denials read like the API server's. */
class RequestDescriptionTest {
  @Nested
  class Verbs {
    @ParameterizedTest(name = "{0} {1}?{2} -> {3} ns={4} name={5}")
    @CsvSource(delimiter = '|', textBlock = """
        GET    | /api/v1/namespaces/a/configmaps        | ''                               | list             | a | ''
        GET    | /api/v1/namespaces/a/configmaps        | watch=true                       | watch            | a | ''
        GET    | /api/v1/namespaces/a/configmaps        | fieldSelector=metadata.name=x    | list             | a | x
        GET    | /api/v1/namespaces/a/configmaps/x      | ''                               | get              | a | x
        POST   | /api/v1/namespaces/a/configmaps        | ''                               | create           | a | ''
        PUT    | /api/v1/namespaces/a/configmaps/x      | ''                               | update           | a | x
        PATCH  | /api/v1/namespaces/a/configmaps/x      | ''                               | patch            | a | x
        DELETE | /api/v1/namespaces/a/configmaps/x      | ''                               | delete           | a | x
        DELETE | /api/v1/namespaces/a/configmaps        | ''                               | deletecollection | a | ''
        GET    | /api/v1/namespaces/team                | ''                               | get              | team | team
        GET    | /apis/apps/v1/deployments              | ''                               | list             | '' | ''
        """)
    void mapsLikeTheRequestInfoResolver(String method, String path, String query, String verb,
        String ns, String name) {
      Map<String, String> params = query.isEmpty() ? Map.of()
          : Map.of(query.substring(0, query.indexOf('=')), query.substring(query.indexOf('=') + 1));

      Attributes a = HttpAttributes.of("u", List.of(), method, path, params::get);

      assertThat(a.resourceRequest()).isTrue();
      assertThat(a.verb()).isEqualTo(verb);
      assertThat(a.namespace()).isEqualTo(ns);
      assertThat(a.name()).isEqualTo(name);
    }

    @Test
    void givenStatusPath_thenSubresourceIsSet() {
      Attributes a = HttpAttributes.of("u", List.of(), "PUT",
          "/apis/apps/v1/namespaces/a/deployments/web/status", p -> null);
      assertThat(a.combinedResource()).isEqualTo("deployments/status");
      assertThat(a.apiGroup()).isEqualTo("apps");
    }

    @Test
    void givenDiscoveryOrOtherPath_thenNonResourceWithLowerCaseMethod() {
      Attributes a = HttpAttributes.of("u", List.of(), "GET", "/apis/apps", p -> null);
      assertThat(a.resourceRequest()).isFalse();
      assertThat(a.verb()).isEqualTo("get");
      assertThat(a.path()).isEqualTo("/apis/apps");
    }
  }

  @Nested
  class Messages {
    @Test
    void givenSubresource_thenMessageNamesResourceSlashSubresource() {
      Attributes a = Attributes.resource("bob", List.of(), "update", "apps", "deployments",
          "status", "prod", "web");
      assertThat(Forbidden.of(a, "").getMessage()).isEqualTo("deployments.apps \"web\" is "
          + "forbidden: User \"bob\" cannot update resource \"deployments/status\" in API group "
          + "\"apps\" in the namespace \"prod\"");
    }

    @Test
    void givenNonResource_thenForbiddenPathMessage() {
      Attributes a = Attributes.nonResource("bob", List.of(), "get", "/metrics");
      assertThat(Forbidden.of(a, "").getMessage())
          .isEqualTo("forbidden: User \"bob\" cannot get path \"/metrics\"");
      assertThat(Forbidden.of(a, "").code()).isEqualTo(403);
    }
  }

  @Nested
  class StaticTokenInput {
    @Test
    void givenSpecWithGroups_thenGroupsMayContainColons() {
      StaticToken t = StaticTokens.parseSpec("s3cret=alice:system:masters,dev");
      assertThat(t.token()).isEqualTo("s3cret");
      assertThat(t.user()).isEqualTo("alice");
      assertThat(t.groups()).containsExactly("system:masters", "dev");
      assertThat(StaticTokens.parseSpec("t=bob").groups()).isEmpty();
    }

    @Test
    void givenMalformedSpec_thenRejectedWithTheExpectedForm() {
      assertThatThrownBy(() -> StaticTokens.parseSpec("no-user"))
          .hasMessageContaining("TOKEN=USER[:GROUP1,GROUP2]");
      assertThatThrownBy(() -> StaticTokens.parseSpec("t=:g")).hasMessageContaining("no user");
    }

    @Test
    void givenTokenFile_thenCsvWithQuotedGroups(@TempDir Path dir) throws Exception {
      Path file = dir.resolve("tokens.csv");
      Files.writeString(file, """
          # comment
          t1,alice,uid-1,"dev,qa"
          t2,bob,uid-2
          """);

      assertThat(StaticTokens.readFile(file)).containsExactly(
          new StaticToken("t1", "alice", "uid-1", List.of("dev", "qa")),
          new StaticToken("t2", "bob", "uid-2", List.of()));
    }

    @Test
    void givenShortLine_thenErrorNamesFileAndLine(@TempDir Path dir) throws Exception {
      Path file = dir.resolve("tokens.csv");
      Files.writeString(file, "t1,alice,u\nbroken\n");

      assertThatThrownBy(() -> StaticTokens.readFile(file)).hasMessageContaining("line 2");
    }
  }
}
