package dev.converge.sandbox.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * KubectlAuthTest runs the real kubectl's authentication and authorization commands against a
 * sandbox: {@code auth can-i}, {@code auth whoami}, {@code create token}, and the Forbidden
 * error a restricted user sees.
 */
@Timeout(120)
class KubectlAuthTest {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  static Sandbox sandbox;
  static KubernetesClient admin;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Kubectl.onPath().isPresent(),
        "kubectl is not on PATH: the kubectl compatibility tests need the real binary");
    sandbox = Sandbox.start(SandboxOptions.defaults().withToken("gina-token", "gina", "dev"));
    admin = SandboxFixture.client(sandbox);
    kubectl = new Kubectl(sandbox);
  }

  @AfterAll
  static void stop() {
    if (kubectl != null) {
      kubectl.close();
      admin.close();
      sandbox.close();
    }
  }

  private static String namespace() {
    String ns = "ka" + NAMESPACES.incrementAndGet();
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
        .endMetadata().build()).create();
    return ns;
  }

  private static void bind(String ns, String clusterRole, String kind, String subject) {
    admin.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder()
        .withNewMetadata().withName(subject + "-" + clusterRole).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
        .addNewSubject().withKind(kind).withName(subject).withNamespace(
            kind.equals("ServiceAccount") ? ns : null).endSubject().build()).create();
  }

  @Test
  void authCanIAnswersFromRbac() throws Exception {
    String ns = namespace();
    Kubectl.Result before = kubectl.run("auth", "can-i", "create", "deployments", "-n", ns,
        "--token", "gina-token");
    assertThat(before.exitCode()).isEqualTo(1);
    assertThat(before.out().trim()).isEqualTo("no");

    bind(ns, "edit", "User", "gina");

    assertThat(kubectl.run("auth", "can-i", "create", "deployments", "-n", ns, "--token",
        "gina-token").succeeded().out().trim()).isEqualTo("yes");
    assertThat(kubectl.run("auth", "can-i", "create", "roles", "-n", ns, "--token",
        "gina-token").out().trim()).isEqualTo("no");
    assertThat(kubectl.run("auth", "can-i", "delete", "nodes").succeeded().out().trim())
        .isEqualTo("yes");
  }

  @Test
  void authWhoamiShowsUserAndGroups() throws Exception {
    String out = kubectl.run("auth", "whoami", "--token", "gina-token").succeeded().out();
    assertThat(out).containsPattern("Username\\s+gina")
        .contains("dev").contains("system:authenticated");
  }

  @Test
  void createTokenGivesAServiceAccountIdentityThatRbacRestricts() throws Exception {
    // given
    String ns = namespace();
    admin.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder()
        .withNewMetadata().withName("robot").endMetadata().build()).create();
    String token = kubectl.run("create", "token", "robot", "-n", ns).succeeded().out().trim();

    // when
    Kubectl.Result denied = kubectl.run("get", "configmaps", "-n", ns, "--token", token);
    bind(ns, "view", "ServiceAccount", "robot");
    Kubectl.Result allowed = kubectl.run("get", "configmaps", "-n", ns, "--token", token);

    // then
    assertThat(denied.exitCode()).isEqualTo(1);
    assertThat(denied.err()).contains("Error from server (Forbidden): configmaps is forbidden: "
        + "User \"system:serviceaccount:" + ns + ":robot\" cannot list resource \"configmaps\" "
        + "in API group \"\" in the namespace \"" + ns + "\"");
    assertThat(allowed.succeeded().err()).contains("No resources found");
  }
}
