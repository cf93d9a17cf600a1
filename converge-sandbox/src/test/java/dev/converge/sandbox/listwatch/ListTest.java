package dev.converge.sandbox.listwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ListTest {
  static Sandbox sandbox;
  static KubernetesClient client;
  String ns;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start();
    client = SandboxFixture.client(sandbox);
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @BeforeEach
  void namespace(TestInfo info) {
    ns = "t" + Integer.toHexString(info.getDisplayName().hashCode() & 0xfffffff)
        + Long.toHexString(System.nanoTime() & 0xffff);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
        .endMetadata().build()).create();
  }

  private void configMap(String name, Map<String, String> labels) {
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
        .withName(name).withLabels(labels).endMetadata().build()).create();
  }

  private static List<String> names(ConfigMapList list) {
    return list.getItems().stream().map(c -> c.getMetadata().getName()).toList();
  }

  @Nested
  class LabelSelectors {
    @BeforeEach
    void objects() {
      configMap("web-1", Map.of("app", "web", "tier", "front"));
      configMap("web-2", Map.of("app", "web", "tier", "front", "canary", "true"));
      configMap("db", Map.of("app", "db", "tier", "back"));
      configMap("bare", Map.of());
    }

    @Test
    void givenEqualityAndExistence_whenListed_thenOnlyMatchesReturn() {
      var cms = client.configMaps().inNamespace(ns);
      assertThat(names(cms.withLabel("app", "web").list())).containsExactly("web-1", "web-2");
      assertThat(names(cms.withLabel("canary").list())).containsExactly("web-2");
      assertThat(names(cms.withoutLabel("canary").list()))
          .containsExactly("bare", "db", "web-1");
      assertThat(names(cms.withoutLabel("app", "web").list())).containsExactly("bare", "db");
      assertThat(names(cms.withLabel("app", "web").withoutLabel("canary").list()))
          .containsExactly("web-1");
    }

    @Test
    void givenSetBasedSelectors_whenListed_thenInAndNotInApply() {
      var cms = client.configMaps().inNamespace(ns);
      assertThat(names(cms.withLabelIn("app", "web", "db").list()))
          .containsExactly("db", "web-1", "web-2");
      assertThat(names(cms.withLabelNotIn("app", "web").list())).containsExactly("bare", "db");
      assertThat(names(cms.withLabelSelector(new LabelSelectorBuilder()
          .addToMatchLabels("tier", "front")
          .addNewMatchExpression().withKey("canary").withOperator("DoesNotExist")
          .endMatchExpression()
          .addNewMatchExpression().withKey("app").withOperator("In").withValues("web", "x")
          .endMatchExpression().build()).list())).containsExactly("web-1");
    }

    @Test
    void givenMalformedSelector_whenListed_thenBadRequest() {
      assertThatThrownBy(() -> client.configMaps().inNamespace(ns)
          .list(new ListOptionsBuilder().withLabelSelector("app in web").build()))
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(400);
            assertThat(e.getStatus().getMessage())
                .isEqualTo("unable to parse requirement: found 'web', expected: '('");
          });
    }
  }

  @Nested
  class FieldSelectors {
    @Test
    void givenNameSelectors_whenListed_thenMatchOnMetadata() {
      configMap("a", Map.of());
      configMap("b", Map.of());
      var cms = client.configMaps().inNamespace(ns);
      assertThat(names(cms.withField("metadata.name", "a").list())).containsExactly("a");
      assertThat(names(cms.withoutField("metadata.name", "a").list())).containsExactly("b");
      assertThat(client.configMaps().inAnyNamespace().withField("metadata.namespace", ns)
          .list().getItems()).hasSize(2);
    }

    @Test
    void givenPodFields_whenListed_thenNodeNameSelects() {
      for (String node : List.of("n1", "n2")) {
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata()
            .withName("p-" + node).endMetadata().withNewSpec().withNodeName(node)
            .addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
            .build()).create();
      }
      assertThat(client.pods().inNamespace(ns).withField("spec.nodeName", "n2").list()
          .getItems()).extracting(p -> p.getMetadata().getName()).containsExactly("p-n2");
      assertThat(client.pods().inNamespace(ns).withField("spec.restartPolicy", "Always").list()
          .getItems()).hasSize(2);
    }

    @Test
    void givenUnsupportedField_whenListed_thenBadRequest() {
      assertThatThrownBy(() -> client.configMaps().inNamespace(ns)
          .withField("spec.nodeName", "n1").list())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(400);
            assertThat(e.getStatus().getMessage())
                .isEqualTo("field label not supported: spec.nodeName");
          });
    }
  }

  @Nested
  class Pagination {
    @Test
    void givenFiveObjects_whenListedTwoAtATime_thenContinueWalksThemAllOnce() {
      for (int i = 0; i < 5; i++) {
        configMap("cm-" + i, Map.of());
      }
      List<String> seen = new ArrayList<>();
      ConfigMapList page = client.configMaps().inNamespace(ns)
          .list(new ListOptionsBuilder().withLimit(2L).build());
      String firstRevision = page.getMetadata().getResourceVersion();
      List<Integer> sizes = new ArrayList<>();
      int pages = 0;
      while (true) {
        pages++;
        sizes.add(page.getItems().size());
        seen.addAll(names(page));
        assertThat(page.getMetadata().getResourceVersion()).isEqualTo(firstRevision);
        String token = page.getMetadata().getContinue();
        if (token == null || token.isEmpty()) {
          break;
        }
        assertThat(pages).as("pages").isLessThan(5);
        page = client.configMaps().inNamespace(ns)
            .list(new ListOptionsBuilder().withLimit(2L).withContinue(token).build());
      }
      assertThat(sizes).containsExactly(2, 2, 1);
      assertThat(seen).containsExactly("cm-0", "cm-1", "cm-2", "cm-3", "cm-4");
    }

    @Test
    void givenFirstPage_thenRemainingItemCountIsReported() {
      for (int i = 0; i < 3; i++) {
        configMap("cm-" + i, Map.of());
      }
      ConfigMapList page = client.configMaps().inNamespace(ns)
          .list(new ListOptionsBuilder().withLimit(2L).build());
      assertThat(page.getMetadata().getRemainingItemCount()).isEqualTo(1L);
    }

    @Test
    void givenGarbageContinueToken_whenListed_thenBadRequest() {
      assertThatThrownBy(() -> client.configMaps().inNamespace(ns)
          .list(new ListOptionsBuilder().withLimit(2L).withContinue("!!!").build()))
          .isInstanceOfSatisfying(KubernetesClientException.class,
              e -> assertThat(e.getCode()).isEqualTo(400));
    }
  }

  @Test
  void givenWrites_whenListed_thenResourceVersionIsTheStoreRevisionAndGrows() {
    long before = Long.parseLong(client.configMaps().inNamespace(ns).list().getMetadata()
        .getResourceVersion());
    configMap("x", Map.of());
    ConfigMap created = client.configMaps().inNamespace(ns).withName("x").get();
    long after = Long.parseLong(client.configMaps().inNamespace(ns).list().getMetadata()
        .getResourceVersion());
    assertThat(after).isGreaterThan(before)
        .isEqualTo(Long.parseLong(created.getMetadata().getResourceVersion()))
        .isEqualTo(sandbox.store().revision());
  }
}
