package dev.converge.sandbox.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test helpers: clients per token, RBAC objects in one line, and 403 assertions. */
final class RbacFixture {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private RbacFixture() {}

  static KubernetesClient clientAs(Sandbox sandbox, String token) {
    return new KubernetesClientBuilder().withConfig(
        new ConfigBuilder(sandbox.clientConfig()).withOauthToken(token).build()).build();
  }

  /** A fresh namespace, created by the admin. */
  static String namespace(KubernetesClient admin, String prefix) {
    String ns = prefix + NAMES.incrementAndGet();
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
        .endMetadata().build()).create();
    return ns;
  }

  static void configMap(KubernetesClient admin, String ns, String name) {
    admin.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
        .withName(name).endMetadata().addToData("k", "v").build()).create();
  }

  static PolicyRule rule(String group, String resource, String... verbs) {
    return new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withVerbs(verbs)
        .build();
  }

  static Subject user(String name) {
    return new SubjectBuilder().withApiGroup("rbac.authorization.k8s.io").withKind("User")
        .withName(name).build();
  }

  static Subject group(String name) {
    return new SubjectBuilder().withApiGroup("rbac.authorization.k8s.io").withKind("Group")
        .withName(name).build();
  }

  static Subject serviceAccount(String ns, String name) {
    return new SubjectBuilder().withKind("ServiceAccount").withNamespace(ns).withName(name)
        .build();
  }

  static void role(KubernetesClient admin, String ns, String name, PolicyRule... rules) {
    admin.rbac().roles().inNamespace(ns).resource(new RoleBuilder().withNewMetadata()
        .withName(name).endMetadata().withRules(rules).build()).create();
  }

  static void clusterRole(KubernetesClient admin, String name, PolicyRule... rules) {
    admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata()
        .withName(name).endMetadata().withRules(rules).build()).create();
  }

  static void roleBinding(KubernetesClient admin, String ns, String name, String roleKind,
      String roleName, Subject... subjects) {
    admin.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", roleKind, roleName)
        .withSubjects(List.of(subjects)).build()).create();
  }

  static void clusterRoleBinding(KubernetesClient admin, String name, String roleName,
      Subject... subjects) {
    admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", roleName)
        .withSubjects(List.of(subjects)).build()).create();
  }

  /** Asserts the call fails with 403 Forbidden and exactly this Status message. */
  static void assertForbidden(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(403);
      assertThat(e.getStatus().getReason())
          .isEqualTo("Forbidden");
      assertThat(e.getStatus().getMessage()).isEqualTo(message);
    });
  }
}
