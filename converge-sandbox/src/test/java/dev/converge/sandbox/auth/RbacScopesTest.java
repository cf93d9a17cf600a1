package dev.converge.sandbox.auth;

import static dev.converge.sandbox.auth.RbacFixture.assertForbidden;
import static dev.converge.sandbox.auth.RbacFixture.clientAs;
import static dev.converge.sandbox.auth.RbacFixture.clusterRoleBinding;
import static dev.converge.sandbox.auth.RbacFixture.namespace;
import static dev.converge.sandbox.auth.RbacFixture.role;
import static dev.converge.sandbox.auth.RbacFixture.roleBinding;
import static dev.converge.sandbox.auth.RbacFixture.rule;
import static dev.converge.sandbox.auth.RbacFixture.serviceAccount;
import static dev.converge.sandbox.auth.RbacFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ServiceAccount identities, subresource and non-resource rules, unauthenticated requests and
 * the review APIs behind {@code kubectl auth can-i}.
 */
@Timeout(60)
class RbacScopesTest {
  static Sandbox sandbox;
  static KubernetesClient admin;
  static KubernetesClient frank;

  @BeforeAll
  static void start() {
    // No controllers: the test writes Deployment status itself, as a controller would.
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(false)
        .withToken("frank-token", "frank"));
    admin = SandboxFixture.client(sandbox);
    frank = clientAs(sandbox, "frank-token");
  }

  @AfterAll
  static void stop() {
    frank.close();
    admin.close();
    sandbox.close();
  }

  @Nested
  class ServiceAccounts {
    @Test
    void givenServiceAccountToken_whenBoundByRoleBinding_thenItActsAsTheServiceAccount() {
      // given
      String a = namespace(admin, "sa");
      String b = namespace(admin, "sa");
      createServiceAccount(a, "robot");
      roleBinding(admin, a, "robot-view", "ClusterRole", "view", serviceAccount(a, "robot"));
      String token = sandbox.serviceAccountToken(a, "robot");

      // when / then
      try (KubernetesClient robot = clientAs(sandbox, token)) {
        assertThat(robot.apps().deployments().inNamespace(a).list().getItems()).isEmpty();
        assertForbidden(() -> robot.apps().deployments().inNamespace(b).list(),
            "deployments.apps is forbidden: User \"system:serviceaccount:" + a + ":robot\" "
                + "cannot list resource \"deployments\" in API group \"apps\" in the namespace \""
                + b + "\"");
      }
    }

    @Test
    void givenServiceAccountGroups_whenBoundToTheNamespaceGroup_thenAllowed() {
      String ns = namespace(admin, "sagrp");
      createServiceAccount(ns, "worker");
      roleBinding(admin, ns, "all-sa-view", "ClusterRole", "view",
          RbacFixture.group("system:serviceaccounts:" + ns));

      try (KubernetesClient worker = clientAs(sandbox, sandbox.serviceAccountToken(ns, "worker"))) {
        assertThat(worker.configMaps().inNamespace(ns).list()).isNotNull();
      }
    }

    @Test
    void givenTokenRequestSubresource_whenCreated_thenTokenAuthenticatesUntilAccountDeleted() {
      // given
      String ns = namespace(admin, "tr");
      createServiceAccount(ns, "builder");
      roleBinding(admin, ns, "builder-view", "ClusterRole", "view",
          serviceAccount(ns, "builder"));

      // when
      TokenRequest answer = admin.serviceAccounts().inNamespace(ns).withName("builder")
          .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L)
              .endSpec().build());

      // then
      assertThat(answer.getStatus().getToken()).isNotBlank();
      assertThat(answer.getStatus().getExpirationTimestamp()).isNotBlank();
      try (KubernetesClient builder = clientAs(sandbox, answer.getStatus().getToken())) {
        assertThat(builder.configMaps().inNamespace(ns).list()).isNotNull();
        admin.serviceAccounts().inNamespace(ns).withName("builder").delete();
        assertThatThrownBy(() -> builder.configMaps().inNamespace(ns).list())
            .isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(401));
      }
    }

    @Test
    void givenMissingServiceAccount_whenMintingToken_then404() {
      String ns = namespace(admin, "nosa");
      assertThatThrownBy(() -> admin.serviceAccounts().inNamespace(ns).withName("ghost")
          .tokenRequest(new TokenRequestBuilder().withNewSpec().endSpec().build()))
          .isInstanceOfSatisfying(KubernetesClientException.class,
              e -> assertThat(e.getCode()).isEqualTo(404));
    }
  }

  @Nested
  class Subresources {
    @Test
    void givenStatusOnlyRule_thenStatusWritableButMainResourceDenied() {
      // given
      String ns = namespace(admin, "sub");
      Deployment created = admin.apps().deployments().inNamespace(ns).resource(deployment())
          .create();
      role(admin, ns, "status-writer",
          rule("apps", "deployments/status", "get", "update", "patch"),
          rule("apps", "*/scale", "get"));
      roleBinding(admin, ns, "frank-status", "Role", "status-writer", user("frank"));
      created.setStatus(new DeploymentStatusBuilder()
          .withObservedGeneration(1L).build());

      // when / then
      assertThat(frank.apps().deployments().inNamespace(ns).resource(created).updateStatus()
          .getStatus().getObservedGeneration()).isEqualTo(1L);
      assertThat(frank.apps().deployments().inNamespace(ns).withName("web").scale()).isNotNull();
      assertForbidden(() -> frank.apps().deployments().inNamespace(ns).withName("web").get(),
          "deployments.apps \"web\" is forbidden: User \"frank\" cannot get resource "
              + "\"deployments\" in API group \"apps\" in the namespace \"" + ns + "\"");
      assertForbidden(() -> frank.apps().deployments().inNamespace(ns).resource(created)
          .update(), "deployments.apps \"web\" is forbidden: User \"frank\" cannot update "
          + "resource \"deployments\" in API group \"apps\" in the namespace \"" + ns + "\"");
    }
  }

  @Nested
  class NonResourceUrls {
    @Test
    void givenNonResourceRule_thenPathAllowedExactlyAndByPrefix() throws Exception {
      // given
      assertThat(get("/logs", "frank-token").statusCode()).isEqualTo(403);
      assertThat(get("/logs", "frank-token").body()).contains(
          "\"message\":\"forbidden: User \\\"frank\\\" cannot get path \\\"/logs\\\"\"");
      RbacFixture.clusterRole(admin, "log-reader", new PolicyRuleBuilder()
          .withNonResourceURLs("/logs", "/logs/*").withVerbs("get").build());

      // when
      clusterRoleBinding(admin, "frank-logs", "log-reader", user("frank"));

      // then: authorized, and then not found, since the sandbox serves no logs
      assertThat(get("/logs", "frank-token").statusCode()).isEqualTo(404);
      assertThat(get("/logs/kube-apiserver.log", "frank-token").statusCode()).isEqualTo(404);
      assertThat(get("/metrics", "frank-token").statusCode()).isEqualTo(403);
    }

    @Test
    void givenNoToken_thenResourcesAre401ButVersionAndHealthAreOpen() throws Exception {
      assertThat(get("/api/v1/namespaces/default/configmaps", null).statusCode())
          .isEqualTo(401);
      assertThat(get("/apis", null).statusCode()).isEqualTo(401);
      assertThat(get("/version", null).statusCode()).isEqualTo(200);
      assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    }
  }

  @Nested
  class Reviews {
    @Test
    void givenSelfSubjectAccessReview_thenAnswersForTheCaller() {
      String ns = namespace(admin, "ssar");
      role(admin, ns, "cm-list", rule("", "configmaps", "list"));
      roleBinding(admin, ns, "frank-list", "Role", "cm-list", user("frank"));

      assertThat(selfReview(ns, "list").getStatus().getAllowed()).isTrue();
      assertThat(selfReview(ns, "delete").getStatus().getAllowed()).isFalse();
    }

    @Test
    void givenSubjectAccessReviewByAdmin_thenAnswersForTheNamedUser_andUsersMayNotAsk() {
      String ns = namespace(admin, "sar");
      roleBinding(admin, ns, "frank-edit", "ClusterRole", "edit", user("frank"));
      SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
          .withUser("frank").withNewResourceAttributes().withNamespace(ns).withVerb("create")
          .withGroup("apps").withResource("deployments").endResourceAttributes().endSpec().build();

      assertThat(admin.authorization().v1().subjectAccessReview().create(review)
          .getStatus().getAllowed()).isTrue();
      assertThatThrownBy(() -> frank.authorization().v1().subjectAccessReview()
          .create(review)).isInstanceOfSatisfying(KubernetesClientException.class,
              e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }

  private static SelfSubjectAccessReview selfReview(String ns, String verb) {
    return frank.authorization().v1().selfSubjectAccessReview().create(
        new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
            .withNamespace(ns).withVerb(verb).withResource("configmaps").endResourceAttributes()
            .endSpec().build());
  }

  private static void createServiceAccount(String ns, String name) {
    admin.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder()
        .withNewMetadata().withName(name).endMetadata().build()).create();
  }

  private static Deployment deployment() {
    return new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "web")
        .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "web")
        .endMetadata().withNewSpec().addNewContainer().withName("web").withImage("nginx")
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(sandbox.url() + path))
        .timeout(Duration.ofSeconds(10));
    if (token != null) {
      req.header("Authorization", "Bearer " + token);
    }
    return SandboxFixture.jdkClient(sandbox).send(req.build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
