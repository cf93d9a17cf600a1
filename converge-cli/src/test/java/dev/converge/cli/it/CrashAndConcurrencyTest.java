package dev.converge.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.cli.it.Cli.Run;
import dev.converge.engine.inventory.ApplySetKeys;
import dev.converge.engine.inventory.ApplySetParent;
import dev.converge.engine.lock.LeaseClaim;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.sandbox.faults.RequestQuery;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jspecify.annotations.Nullable;

/**
 * Issue 10, CLI: a {@code converge apply} process killed with SIGKILL mid-apply leaves its ApplySet
 * lock behind; the re-run takes it over after its TTL and converges with nothing lost or created
 * twice. Two {@code converge apply} runs of one ApplySet at once serialize on the lock, and the last
 * writer's set is what remains. The sandbox runs in this JVM with controllers off, so request counts
 * are exactly the CLI's; a latency fault on ConfigMap writes keeps the first run mid-apply long
 * enough to act on it.
 */
@Timeout(120)
class CrashAndConcurrencyTest {
  static final int OBJECTS = 150;
  /** Per ConfigMap write: with 16 concurrent writes, 150 objects take about 2 s. */
  static final String SLOW_WRITES = "verb=patch,path=/api/v1/namespaces/*/configmaps/*,latency=200ms";

  static Sandbox sandbox;
  static Path kubeconfig;
  static KubernetesClient client;
  @TempDir
  static Path dir;
  String namespace;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(false));
    kubeconfig = dir.resolve("sandbox.kubeconfig");
    sandbox.writeKubeconfig(kubeconfig);
    client = new KubernetesClientBuilder().withConfig(sandbox.clientConfig()).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    sandbox.faults().clear();
  }

  void newNamespace(TestInfo test) {
    namespace = "crash-" + Integer.toHexString(test.getDisplayName().hashCode() & 0xffffff);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    sandbox.requests().reset();
  }

  /** {@code count} ConfigMaps named {@code prefix-i}, one file. */
  Path configMaps(String file, String prefix, int count, String... extra) {
    StringBuilder yaml = new StringBuilder();
    IntStream.range(0, count).forEach(i -> yaml.append(Cli.configMap(namespace, prefix + "-" + i)).append("---\n"));
    for (String name : extra) {
      yaml.append(Cli.configMap(namespace, name)).append("---\n");
    }
    return Cli.write(dir, namespace + "/" + file, yaml.toString());
  }

  Map<String, String> members() {
    return client.configMaps().inNamespace(namespace).withLabel(ApplySetKeys.PART_OF_LABEL).list().getItems()
        .stream().collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c.getMetadata().getUid()));
  }

  @Nullable Lease lease() {
    return client.leases().inNamespace(namespace)
        .withName(LeaseClaim.leaseName(ApplySetParent.secret(namespace, "big").id())).get();
  }

  long patches() {
    return sandbox.requests().count(RequestQuery.all().verb("patch").resource("configmaps").namespace(namespace));
  }

  long deletes() {
    return sandbox.requests().count(RequestQuery.all().verb("delete").resource("configmaps").namespace(namespace));
  }

  @Test
  void givenApplyKilledMidway_whenReRun_thenTakesTheLockOverAfterItsTtlAndConvergesWithNothingLostOrDuplicated(
      TestInfo test) {
    // given: an apply of 150 ConfigMaps, killed with SIGKILL after about 40 writes
    newNamespace(test);
    Path set = configMaps("set.yaml", "cm", OBJECTS);
    sandbox.faults().add(FaultSpec.parse(SLOW_WRITES));
    try (CliProcess killed = CliProcess.start(dir, "killed", "apply", "-f", set.toString(), "-n", namespace,
        "--applyset", "big", "--prune", "--lock-ttl", "2s", "--kubeconfig", kubeconfig.toString())) {
      await().atMost(30, TimeUnit.SECONDS).until(() -> patches() >= 40 || !killed.alive());
      assertThat(killed.alive()).as("still applying when killed: %s", killed.output()).isTrue();
      killed.kill();
    }
    sandbox.faults().clear();
    long writtenWhenKilled = patches();
    assertThat(writtenWhenKilled).as("killed midway").isLessThan(OBJECTS);
    Map<String, String> before = members();
    assertThat(lease()).isNotNull();
    assertThat(LeaseClaim.holding(lease()).holder()).as("the killed run's lock is left behind").isNotNull();

    // when: the same apply again
    long started = System.nanoTime();
    Run rerun = Cli.against(kubeconfig, "apply", "-f", set.toString(), "-n", namespace, "--applyset", "big",
        "--prune", "--lock-timeout", "20s", "-o", "json");

    // then: it waited for the dead holder's TTL, then converged
    assertThat(rerun.code()).as(rerun.toString()).isZero();
    assertThat(rerun.err()).contains("waiting up to 20.0s for the ApplySet lock");
    Map<String, String> after = members();
    assertThat(after).hasSize(OBJECTS);
    // nothing created twice: every object the killed run wrote kept its UID
    assertThat(after).containsAllEntriesOf(before);
    assertThat(deletes()).isZero();
    assertThat(LeaseClaim.holding(lease()).holder()).as("released").isNull();
    System.out.printf("FIGURE cli-kill: killed after %d of %d writes, %d objects present; re-run %d ms, exit 0,"
        + " %d objects, 0 deletes%n", writtenWhenKilled, OBJECTS, before.size(),
        (System.nanoTime() - started) / 1_000_000, after.size());
  }

  @Test
  void givenTwoApplyProcessesOfOneApplySet_thenTheySerializeAndTheLastWritersSetRemains(TestInfo test) {
    // given: process A applies 150 shared ConfigMaps and a-only (slowed)
    newNamespace(test);
    Path setA = configMaps("a.yaml", "common", OBJECTS, "a-only");
    Path setB = configMaps("b.yaml", "common", OBJECTS, "b-only");
    sandbox.faults().add(FaultSpec.parse(SLOW_WRITES));
    Map<String, String> afterA;
    try (CliProcess a = CliProcess.start(dir, "a", "apply", "-f", setA.toString(), "-n", namespace,
        "--applyset", "big", "--prune", "--kubeconfig", kubeconfig.toString())) {
      await().atMost(30, TimeUnit.SECONDS).until(() -> {
        Lease lease = lease();
        return lease != null && String.valueOf(LeaseClaim.holding(lease).holder()).contains("/" + a.pid() + "/");
      });

      // when: B (in this JVM) applies the other set to the same ApplySet while A holds the lock
      CompletableFuture<Run> b = CompletableFuture.supplyAsync(() -> Cli.against(kubeconfig, "apply", "-f",
          setB.toString(), "-n", namespace, "--applyset", "big", "--prune", "-o", "json"));

      // then: A finishes first and unhindered; B waited for it, naming it, then applied and pruned a-only
      assertThat(a.waitFor(60)).as(a.output()).isZero();
      afterA = members();
      Run second = b.join();
      assertThat(second.code()).as(second.toString()).isZero();
      assertThat(second.err()).contains("for the ApplySet lock").contains("/" + a.pid() + "/");
    }
    Map<String, String> after = members();
    assertThat(after).hasSize(OBJECTS + 1).containsKey("b-only").doesNotContainKey("a-only");
    afterA.remove("a-only");
    assertThat(after).as("shared objects kept their UIDs").containsAllEntriesOf(afterA);
    // exactly one delete: a-only; no shared object was deleted and created again
    assertThat(deletes()).isEqualTo(1);
    assertThat(LeaseClaim.holding(lease()).holder()).isNull();
  }

  @Test
  void givenALiveHolder_whenLockTimeoutRunsOut_thenExit1NamingTheHolderAndNothingWritten(TestInfo test) {
    // given: another run holds the lock (TTL 30 s, as if renewing)
    newNamespace(test);
    Path set = configMaps("set.yaml", "cm", 3);
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    client.leases().inNamespace(namespace).resource(new LeaseBuilder()
        .withNewMetadata().withNamespace(namespace)
        .withName(LeaseClaim.leaseName(ApplySetParent.secret(namespace, "big").id())).endMetadata()
        .withNewSpec().withHolderIdentity("ops@laptop/1234/beef1").withLeaseDurationSeconds(30)
        .withAcquireTime(now).withRenewTime(now).endSpec().build()).create();
    sandbox.requests().reset();

    // when
    Run run = Cli.against(kubeconfig, "apply", "-f", set.toString(), "-n", namespace, "--applyset", "big",
        "--lock-timeout", "1s");
    Run atOnce = Cli.against(kubeconfig, "destroy", "--applyset", "big", "-n", namespace, "--lock-timeout", "0");

    // then
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("waiting up to 1.0s for the ApplySet lock")
        .contains("ApplySet is locked by ops@laptop/1234/beef1").doesNotContain("\tat ");
    assertThat(atOnce.code()).as(atOnce.toString()).isEqualTo(1);
    assertThat(atOnce.err()).doesNotContain("waiting").contains("locked by ops@laptop/1234/beef1");
    assertThat(Cli.writes(sandbox)).as("writes").isZero();
  }

  @Test
  void givenLockTtlNotWholeSeconds_thenUsageExit2() {
    Run run = Cli.run("apply", "-f", "x.yaml", "--applyset", "s", "--lock-ttl", "1500ms");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--lock-ttl must be whole seconds");
  }
}
