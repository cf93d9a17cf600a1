package dev.converge.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.cli.it.Cli.Run;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --applyset} with {@code --prune} reports pruned objects; {@code destroy --applyset} removes the rest. */
@Timeout(120)
class ApplySetTest {
  static Sandbox sandbox;
  static Path kubeconfig;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(true));
    kubeconfig = dir.resolve("sandbox.kubeconfig");
    sandbox.writeKubeconfig(kubeconfig);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void givenObjectDroppedFromSet_whenAppliedWithPrune_thenItIsPrunedAndDestroyApplySetRemovesTheRest() {
    // given: two ConfigMaps applied as ApplySet 'shop'
    Path both = Cli.write(dir, "v1/set.yaml", Cli.configMap("default", "keep") + "---\n" + Cli.configMap("default", "drop"));
    Path one = Cli.write(dir, "v2/set.yaml", Cli.configMap("default", "keep"));
    Run first = Cli.against(kubeconfig, "apply", "-f", both.toString(), "--applyset", "shop", "--prune", "-o", "json");
    assertThat(first.code()).as(first.toString()).isZero();

    // when: applied again without 'drop'
    Run second = Cli.against(kubeconfig, "apply", "-f", one.toString(), "--applyset", "shop", "--prune", "-o", "json");

    // then
    assertThat(second.code()).as(second.toString()).isZero();
    JsonNode pruned = second.json().get("pruned");
    assertThat(pruned).hasSize(1);
    assertThat(pruned.get(0).get("name").asText()).isEqualTo("drop");
    assertThat(pruned.get(0).get("action").asText()).isEqualTo("pruned");
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(sandbox.clientConfig()).build()) {
      assertThat(client.configMaps().inNamespace("default").withName("drop").get()).isNull();

      // when: the whole ApplySet is destroyed by name
      Run destroy = Cli.against(kubeconfig, "destroy", "--applyset", "shop");

      // then
      assertThat(destroy.code()).as(destroy.toString()).isZero();
      assertThat(client.configMaps().inNamespace("default").withName("keep").get()).isNull();
      // issue 10: the released lock Lease of the destroyed set goes with its parent
      assertThat(client.resources(Lease.class).inNamespace("default").list().getItems())
          .extracting(l -> l.getMetadata().getName()).noneMatch(n -> n.startsWith("applyset-lock-"));
    }
  }
}
