package dev.converge.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.engine.inventory.ApiVersions;
import dev.converge.engine.inventory.ApplySetId;
import dev.converge.engine.inventory.ApplySetKeys;
import dev.converge.engine.inventory.ApplySetParent;
import dev.converge.engine.inventory.Inventory;
import dev.converge.engine.manifest.KindResolver;
import dev.converge.engine.manifest.ManifestValidator;
import dev.converge.engine.manifest.Yaml;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with {@code kubectl apply --applyset} (the real binary, when on PATH): the ids
 * agree byte for byte, Converge lists a set kubectl wrote, and kubectl reads a parent Converge wrote.
 */
@ConvergeCluster(controllers = false)
@Requires(Capability.FAULTS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KubectlApplySetTest {
  static final long KUBECTL_TIMEOUT_SECONDS = 45;

  @TempDir Path dir;

  record Result(int exitCode, String out) {}

  @BeforeEach
  void requireKubectl(TestCluster cluster) {
    assumeTrue(Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(p -> Files.isExecutable(Path.of(p, "kubectl"))), "kubectl on PATH");
    cluster.sandboxFor(Capability.FAULTS).writeKubeconfig(dir.resolve("kubeconfig"));
  }

  Result kubectl(String manifest, String... args) throws IOException, InterruptedException {
    Path file = dir.resolve("set.yaml");
    Files.writeString(file, manifest);
    List<String> command = new ArrayList<>(List.of("kubectl", "apply", "-f", file.toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().put("KUBECONFIG", dir.resolve("kubeconfig").toString());
    pb.environment().put("KUBECACHEDIR", dir.resolve("cache").toString());
    pb.environment().put("KUBECTL_APPLYSET", "true");
    Process process = pb.start();
    assertThat(process.waitFor(KUBECTL_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
    return new Result(process.exitValue(), Files.readString(out));
  }

  @Test
  void givenSetAppliedByKubectl_whenConvergeReadsIt_thenIdsAgreeAndMembersAreListed(TestCluster cluster)
      throws Exception {
    // when
    Result result = kubectl("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-kubectl}\ndata: {a: b}\n",
        "-n", cluster.namespace(), "--prune", "--applyset=secret/kset", "--server-side");

    // then
    assertThat(result.exitCode()).as(result.out()).isZero();
    Secret parent = cluster.client().secrets().inNamespace(cluster.namespace()).withName("kset").get();
    assertThat(parent.getMetadata().getLabels())
        .containsEntry(ApplySetKeys.ID_LABEL, ApplySetId.of("", "Secret", cluster.namespace(), "kset"));
    try (ConvergeClient ops = ConvergeClient.wrap(cluster.client(), ClientOptions.DEFAULTS)) {
      Inventory inventory = new Inventory(ops, ops.discovery(), ApiVersions.preferred(cluster.client()),
          ApplySetParent.secret(cluster.namespace(), "kset"));
      assertThat(inventory.members()).extracting(m -> m.getMetadata().getName()).containsExactly("from-kubectl");
    }
  }

  @Test
  void givenSetAppliedByConverge_whenKubectlAppliesToIt_thenKubectlReadsTheParentAndNamesOurTooling(
      TestCluster cluster) throws Exception {
    // given
    try (ConvergeClient ops = ConvergeClient.wrap(cluster.client(), ClientOptions.DEFAULTS)) {
      Inventory inventory = new Inventory(ops, ops.discovery(), ApiVersions.preferred(cluster.client()),
          ApplySetParent.secret(cluster.namespace(), "cset"));
      inventory.widen(new ManifestValidator(KindResolver.of(ops.discovery()), cluster.namespace())
              .validate(Yaml.read("set.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")).orThrow())
          .forEach(o -> ops.apply(o.resource()));
    }

    // when
    Result result = kubectl("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
        "-n", cluster.namespace(), "--prune", "--applyset=secret/cset", "--server-side");

    // then: kubectl accepted the id and annotations, and refuses only to take over another tool's set
    assertThat(result.out()).contains("managed by tooling \"converge\"");
    assertThat(result.exitCode()).isNotZero();
  }
}
