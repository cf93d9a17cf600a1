package dev.converge.sandbox.auth;

import static dev.converge.sandbox.auth.RbacFixture.assertForbidden;
import static dev.converge.sandbox.auth.RbacFixture.clientAs;
import static dev.converge.sandbox.auth.RbacFixture.clusterRole;
import static dev.converge.sandbox.auth.RbacFixture.clusterRoleBinding;
import static dev.converge.sandbox.auth.RbacFixture.configMap;
import static dev.converge.sandbox.auth.RbacFixture.group;
import static dev.converge.sandbox.auth.RbacFixture.namespace;
import static dev.converge.sandbox.auth.RbacFixture.role;
import static dev.converge.sandbox.auth.RbacFixture.roleBinding;
import static dev.converge.sandbox.auth.RbacFixture.rule;
import static dev.converge.sandbox.auth.RbacFixture.user;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.SandboxOptions;
import dev.converge.sandbox.http.Authenticator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Requests are authorized by the Roles, ClusterRoles and bindings stored in the sandbox, and
 * denials read exactly like a real API server's 403.
 */
@Timeout(60)
class RbacAuthorizationTest {
  static Sandbox sandbox;
  static KubernetesClient admin;
  static KubernetesClient alice;
  static KubernetesClient dave;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults()
        .withToken("alice-token", "alice")
        .withToken("dave-token", "dave", "qa"));
    admin = SandboxFixture.client(sandbox);
    alice = clientAs(sandbox, "alice-token");
    dave = clientAs(sandbox, "dave-token");
  }

  @AfterAll
  static void stop() {
    alice.close();
    dave.close();
    admin.close();
    sandbox.close();
  }

  @Nested
  class WithoutBindings {
    @Test
    void givenNoBindings_whenListingGettingCreating_then403WithTheApiServersMessages() {
      // given
      String ns = namespace(admin, "nobind");
      configMap(admin, ns, "x");
      String who = "User \"alice\" cannot ";
      String where = " resource \"configmaps\" in API group \"\" in the namespace \"" + ns + "\"";

      // when / then
      assertForbidden(() -> alice.configMaps().inNamespace(ns).list(),
          "configmaps is forbidden: " + who + "list" + where);
      assertForbidden(() -> alice.configMaps().inNamespace(ns).withName("x").get(),
          "configmaps \"x\" is forbidden: " + who + "get" + where);
      assertForbidden(() -> alice.configMaps().inNamespace(ns).resource(cm("y")).create(),
          "configmaps is forbidden: " + who + "create" + where);
    }

    @Test
    void givenNoBindings_whenListingClusterScoped_thenForbiddenAtTheClusterScope() {
      assertForbidden(() -> alice.namespaces().list(), "namespaces is forbidden: User \"alice\" "
          + "cannot list resource \"namespaces\" in API group \"\" at the cluster scope");
      assertForbidden(() -> alice.apps().deployments().inAnyNamespace().list(),
          "deployments.apps is forbidden: User \"alice\" cannot list resource \"deployments\" "
              + "in API group \"apps\" at the cluster scope");
    }

    @Test
    void givenDenial_thenStatusDetailsNameKindAndGroup() {
      String ns = namespace(admin, "details");

      assertThatThrownBy(() -> alice.apps().deployments().inNamespace(ns).withName("web").get())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getStatus().getDetails().getName()).isEqualTo("web");
            assertThat(e.getStatus().getDetails().getKind()).isEqualTo("deployments");
            assertThat(e.getStatus().getDetails().getGroup()).isEqualTo("apps");
          });
    }

    @Test
    void givenAuthenticatedUser_whenDiscoveringAndReadingVersion_thenAllowed() {
      assertThat(alice.getKubernetesVersion().getMajor()).isEqualTo("1");
      assertThat(alice.getApiGroups().getGroups()).isNotEmpty();
    }
  }

  @Nested
  class RulesReview {
    @Test
    void givenRoleInA_whenSelfSubjectRulesReviewForA_thenItsRulesAreListed_andNoneForB() {
      // given
      String a = namespace(admin, "rules-a");
      String b = namespace(admin, "rules-b");
      role(admin, a, "lease-holder", rule("coordination.k8s.io", "leases", "get", "create"));
      roleBinding(admin, a, "alice-leases", "Role", "lease-holder", user("alice"));

      // when
      var inA = alice.authorization().v1().selfSubjectRulesReview().create(
          new io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder()
              .withNewSpec().withNamespace(a).endSpec().build());
      var inB = alice.authorization().v1().selfSubjectRulesReview().create(
          new io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder()
              .withNewSpec().withNamespace(b).endSpec().build());

      // then
      assertThat(inA.getStatus().getResourceRules()).anySatisfy(r -> {
        assertThat(r.getApiGroups()).containsExactly("coordination.k8s.io");
        assertThat(r.getResources()).containsExactly("leases");
        assertThat(r.getVerbs()).containsExactlyInAnyOrder("get", "create");
      });
      assertThat(inB.getStatus().getResourceRules())
          .noneSatisfy(r -> assertThat(r.getResources()).contains("leases"));
    }

    @Test
    void givenMastersGroup_whenSelfSubjectRulesReview_thenEverythingIsGranted() {
      var review = admin.authorization().v1().selfSubjectRulesReview().create(
          new io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder()
              .withNewSpec().withNamespace("default").endSpec().build());

      assertThat(review.getStatus().getResourceRules()).anySatisfy(r -> {
        assertThat(r.getVerbs()).containsExactly("*");
        assertThat(r.getResources()).containsExactly("*");
      });
    }
  }

  @Nested
  class Roles {
    @Test
    void givenRoleAllowingGetListInA_thenAllowedInA_deniedInB_andCreateDenied() {
      // given
      String a = namespace(admin, "a");
      String b = namespace(admin, "b");
      configMap(admin, a, "settings");
      role(admin, a, "cm-reader", rule("", "configmaps", "get", "list"));
      roleBinding(admin, a, "alice-reads", "Role", "cm-reader", user("alice"));

      // when / then
      assertThat(alice.configMaps().inNamespace(a).list().getItems()).hasSize(1);
      assertThat(alice.configMaps().inNamespace(a).withName("settings").get()).isNotNull();
      assertForbidden(() -> alice.configMaps().inNamespace(b).list(), "configmaps is forbidden: "
          + "User \"alice\" cannot list resource \"configmaps\" in API group \"\" in the "
          + "namespace \"" + b + "\"");
      assertForbidden(() -> alice.configMaps().inNamespace(a).resource(cm("new")).create(),
          "configmaps is forbidden: User \"alice\" cannot create resource \"configmaps\" in "
              + "API group \"\" in the namespace \"" + a + "\"");
    }

    @Test
    void givenResourceNames_thenOnlyThatObjectIsReadable() {
      // given
      String ns = namespace(admin, "names");
      configMap(admin, ns, "allowed");
      configMap(admin, ns, "secret-ish");
      role(admin, ns, "one-cm", new PolicyRuleBuilder().withApiGroups("")
          .withResources("configmaps").withResourceNames("allowed").withVerbs("get", "list")
          .build());
      roleBinding(admin, ns, "alice-one", "Role", "one-cm", user("alice"));

      // when / then
      assertThat(alice.configMaps().inNamespace(ns).withName("allowed").get()).isNotNull();
      assertForbidden(() -> alice.configMaps().inNamespace(ns).withName("secret-ish").get(),
          "configmaps \"secret-ish\" is forbidden: User \"alice\" cannot get resource "
              + "\"configmaps\" in API group \"\" in the namespace \"" + ns + "\"");
      assertForbidden(() -> alice.configMaps().inNamespace(ns).list(), "configmaps is "
          + "forbidden: User \"alice\" cannot list resource \"configmaps\" in API group \"\" "
          + "in the namespace \"" + ns + "\"");
    }

    @Test
    void givenClusterRoleBoundByRoleBinding_thenGrantedInThatNamespaceOnly() {
      // given
      String a = namespace(admin, "crrb");
      String b = namespace(admin, "crrb");
      roleBinding(admin, a, "alice-view", "ClusterRole", "view", user("alice"));

      // when / then
      assertThat(alice.apps().deployments().inNamespace(a).list().getItems()).isEmpty();
      assertThat(alice.configMaps().inNamespace(a).list()).isNotNull();
      assertForbidden(() -> alice.secrets().inNamespace(a).list(), "secrets is forbidden: User "
          + "\"alice\" cannot list resource \"secrets\" in API group \"\" in the namespace \""
          + a + "\"");
      assertForbidden(() -> alice.apps().deployments().inNamespace(b).list(),
          "deployments.apps is forbidden: User \"alice\" cannot list resource \"deployments\" "
              + "in API group \"apps\" in the namespace \"" + b + "\"");
      assertForbidden(() -> alice.configMaps().inAnyNamespace().list(), "configmaps is "
          + "forbidden: User \"alice\" cannot list resource \"configmaps\" in API group \"\" "
          + "at the cluster scope");
    }

    @Test
    void givenBindingToMissingRole_thenDenialNamesIt() {
      String ns = namespace(admin, "missing");
      roleBinding(admin, ns, "dangling", "Role", "nope", user("alice"));

      assertForbidden(() -> alice.configMaps().inNamespace(ns).list(), "configmaps is "
          + "forbidden: User \"alice\" cannot list resource \"configmaps\" in API group \"\" "
          + "in the namespace \"" + ns + "\": RBAC: role.rbac.authorization.k8s.io \"nope\" "
          + "not found");
    }
  }

  @Nested
  class ClusterBindings {
    @Test
    void givenClusterRoleBindingToGroup_thenMembersAllowedEverywhere() {
      // given
      String a = namespace(admin, "grp");
      String b = namespace(admin, "grp");
      configMap(admin, a, "one");
      configMap(admin, b, "two");
      clusterRole(admin, "qa-cm-reader", rule("", "configmaps", "get", "list", "watch"));
      clusterRoleBinding(admin, "qa-reads", "qa-cm-reader", group("qa"));

      // when / then
      assertThat(dave.configMaps().inNamespace(a).withName("one").get()).isNotNull();
      assertThat(dave.configMaps().inNamespace(b).list().getItems()).hasSize(1);
      assertThat(dave.configMaps().inAnyNamespace().list().getItems())
          .extracting(c -> c.getMetadata().getName()).contains("one", "two");
      assertForbidden(() -> alice.configMaps().inNamespace(b).list(), "configmaps is "
          + "forbidden: User \"alice\" cannot list resource \"configmaps\" in API group \"\" "
          + "in the namespace \"" + b + "\"");
    }
  }

  @Nested
  class AtRuntime {
    @Test
    void givenBindingCreatedThenDeleted_thenAccessFollows() {
      // given
      String ns = namespace(admin, "runtime");
      try (KubernetesClient erin = clientAs(sandbox, "erin-token")) {
        sandbox.authenticator().addToken("erin-token",
            new Authenticator.User("erin", List.of()));
        assertThatThrownBy(() -> erin.configMaps().inNamespace(ns).list())
            .isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(403));

        // when
        roleBinding(admin, ns, "erin-edit", "ClusterRole", "edit", user("erin"));

        // then
        await().atMost(10, SECONDS).untilAsserted(() ->
            assertThat(erin.configMaps().inNamespace(ns).resource(cm("made")).create())
                .isNotNull());

        // when
        admin.rbac().roleBindings().inNamespace(ns).withName("erin-edit").delete();

        // then
        await().atMost(10, SECONDS).untilAsserted(() ->
            assertThatThrownBy(() -> erin.configMaps().inNamespace(ns).list())
                .isInstanceOfSatisfying(KubernetesClientException.class,
                    e -> assertThat(e.getCode()).isEqualTo(403)));
      }
    }
  }

  static ConfigMap cm(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .addToData("k", "v").build();
  }
}
