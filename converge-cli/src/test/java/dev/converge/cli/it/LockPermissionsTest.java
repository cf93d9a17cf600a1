package dev.converge.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.it.Cli.Run;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ApplySet lock is a Lease, so {@code apply --applyset} needs {@code leases} in the namespace:
 * a ServiceAccount bound to the {@code edit} ClusterRole (which includes them) applies; one whose
 * Role lacks them fails at once with exit 4 naming the verb and resource to grant, having written
 * nothing.
 */
@Timeout(60)
class LockPermissionsTest {
  static final String NS = "team";
  static Sandbox sandbox;
  static KubernetesClient admin;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(false));
    admin = new KubernetesClientBuilder().withConfig(sandbox.clientConfig()).build();
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
  }

  @AfterAll
  static void stop() {
    admin.close();
    sandbox.close();
  }

  /** A kubeconfig for ServiceAccount {@code name}, bound to {@code role} (kind Role or ClusterRole). */
  static Path kubeconfigFor(String name, String roleKind, String role) throws IOException {
    admin.resource(new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .build()).create();
    admin.resource(new RoleBindingBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind(roleKind).withName(role).endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(NS).endSubject().build()).create();
    Path adminConfig = dir.resolve("admin.kubeconfig");
    sandbox.writeKubeconfig(adminConfig);
    Matcher token = Pattern.compile("token: *\"?([^\"\\s]+)\"?").matcher(Files.readString(adminConfig));
    assertThat(token.find()).as("admin kubeconfig has a token").isTrue();
    String text = Files.readString(adminConfig).replace(token.group(1), sandbox.serviceAccountToken(NS, name));
    return Files.writeString(dir.resolve(name + ".kubeconfig"), text);
  }

  @Test
  void givenEditRole_whenAppliedWithApplySet_thenTheLockIsTakenAndTheApplyConverges() throws IOException {
    // given
    Path kubeconfig = kubeconfigFor("editor", "ClusterRole", "edit");
    Path set = Cli.write(dir, "edit/app.yaml", Cli.configMap(NS, "by-editor"));

    // when
    Run run = Cli.against(kubeconfig, "apply", "-f", set.toString(), "--applyset", "app", "--prune", "-n", NS);

    // then
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(admin.configMaps().inNamespace(NS).withName("by-editor").get()).isNotNull();
  }

  @Test
  void givenRoleWithoutLeases_whenAppliedWithApplySet_thenExit4NamingTheMissingRuleAndNothingWritten()
      throws IOException {
    // given: everything an apply of ConfigMaps with an ApplySet needs, except leases
    admin.resource(new RoleBuilder().withNewMetadata().withName("no-leases").withNamespace(NS).endMetadata()
        .addNewRule().withApiGroups("").withResources("configmaps", "secrets")
        .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").endRule().build()).create();
    Path kubeconfig = kubeconfigFor("no-leases", "Role", "no-leases");
    Path set = Cli.write(dir, "denied/app.yaml", Cli.configMap(NS, "denied"));
    sandbox.requests().reset();

    // when
    Run run = Cli.against(kubeconfig, "apply", "-f", set.toString(), "--applyset", "denied", "--prune", "-n", NS);

    // then
    assertThat(run.code()).as(run.toString()).isEqualTo(4);
    assertThat(run.err()).contains("leases").contains("coordination.k8s.io").contains("grant verb")
        .doesNotContain("\tat ").doesNotContain("Received status");
    assertThat(run.err().lines()).as("one line").hasSize(1);
    assertThat(Cli.writes(sandbox)).as("writes").isZero();
  }
}
