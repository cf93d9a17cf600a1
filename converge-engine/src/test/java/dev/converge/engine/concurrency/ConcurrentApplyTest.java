package dev.converge.engine.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.converge.engine.DeployOptions;
import dev.converge.engine.Engine;
import dev.converge.engine.ManifestSet;
import dev.converge.engine.RunReport;
import dev.converge.engine.inventory.ApplySetKeys;
import dev.converge.engine.inventory.ApplySetParent;
import dev.converge.engine.lock.ApplySetLockedException;
import dev.converge.engine.lock.LeaseClaim;
import dev.converge.engine.manifest.Yaml;
import dev.converge.engine.progress.ProgressEvent;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two runs on one ApplySet (issue 10, concurrency): the Engine holds the ApplySet's Lease around
 * apply and destroy, so a second run waits, says for whom, then proceeds; neither prunes the other's
 * objects; a crashed holder's lease is taken over after its TTL.
 */
@ConvergeCluster(controllers = true)
@Requires({Capability.CONTROLLER_CONTROL, Capability.REQUEST_COUNTS})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrentApplyTest {
  static final String SET = "web-set";
  static final DeployOptions OPTIONS = DeployOptions.DEFAULTS.withTimeout(Duration.ofSeconds(20)).withPrune(SET);

  KubernetesClient secondClient;
  Engine first;
  Engine second;
  final List<ProgressEvent> firstEvents = new CopyOnWriteArrayList<>();
  final List<ProgressEvent> secondEvents = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open(TestCluster cluster) {
    secondClient = cluster.newClient();
    first = Engine.create(cluster.client());
    second = Engine.create(secondClient);
  }

  @AfterEach
  void close(TestCluster cluster) {
    cluster.controllers().resume("deployments");
    first.close();
    second.close();
    secondClient.close();
  }

  static String set(String only) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: common}
        data: {k: v}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: %s}
        data: {k: v}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: app, image: "nginx:1.27"}]}
        """.formatted(only);
  }

  ManifestSet load(Engine engine, TestCluster cluster, String yaml) {
    return engine.validate(Yaml.read("set.yaml", yaml), cluster.namespace());
  }

  Lease lease(TestCluster cluster) {
    String name = LeaseClaim.leaseName(ApplySetParent.secret(cluster.namespace(), SET).id());
    return cluster.client().leases().inNamespace(cluster.namespace()).withName(name).get();
  }

  /** Names and UIDs of the set's members, as the cluster lists them now. */
  Map<String, String> members(TestCluster cluster) {
    List<HasMetadata> all = new ArrayList<>();
    all.addAll(cluster.client().configMaps().inNamespace(cluster.namespace())
        .withLabel(ApplySetKeys.PART_OF_LABEL).list().getItems());
    all.addAll(cluster.client().apps().deployments().inNamespace(cluster.namespace())
        .withLabel(ApplySetKeys.PART_OF_LABEL).list().getItems());
    return all.stream().collect(Collectors.toMap(o -> o.getKind() + "/" + o.getMetadata().getName(),
        o -> o.getMetadata().getUid()));
  }

  /** A Lease as a run that crashed right after taking it leaves it: held, never renewed again. */
  void plantCrashedHolder(TestCluster cluster, String holder, int ttlSeconds) {
    String name = LeaseClaim.leaseName(ApplySetParent.secret(cluster.namespace(), SET).id());
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
    cluster.client().leases().inNamespace(cluster.namespace()).resource(new LeaseBuilder()
        .withNewMetadata().withName(name).withNamespace(cluster.namespace()).endMetadata()
        .withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(ttlSeconds)
        .withAcquireTime(now).withRenewTime(now).withLeaseTransitions(0).endSpec().build()).create();
  }

  @Test
  void givenTwoConcurrentAppliesOfDifferentSets_thenTheySerializeAndTheLastWritersSetRemains(TestCluster cluster) {
    // given: the first run holds the lock, waiting for its Deployment (controller paused)
    cluster.controllers().pause("deployments");
    CompletableFuture<RunReport> runA = CompletableFuture.supplyAsync(
        () -> first.apply(load(first, cluster, set("only-a")), OPTIONS, firstEvents::add));
    await().atMost(10, TimeUnit.SECONDS).until(() -> firstEvents.stream()
        .anyMatch(e -> e instanceof ProgressEvent.Waiting w && w.object().name().equals("web")));

    // when: a second run of the same ApplySet with another set starts
    CompletableFuture<RunReport> runB = CompletableFuture.supplyAsync(
        () -> second.apply(load(second, cluster, set("only-b")), OPTIONS, secondEvents::add));

    // then: it waits, naming the first run as holder, and writes nothing meanwhile
    await().atMost(10, TimeUnit.SECONDS).until(() -> secondEvents.stream()
        .anyMatch(e -> e instanceof ProgressEvent.LockWaiting));
    ProgressEvent.LockWaiting waiting = (ProgressEvent.LockWaiting) secondEvents.get(0);
    assertThat(waiting.holder()).isEqualTo(LeaseClaim.holding(lease(cluster)).holder())
        .contains("@").contains("/");
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("only-b").get()).isNull();
    Map<String, String> whileA = members(cluster);
    assertThat(whileA).containsKeys("ConfigMap/common", "ConfigMap/only-a", "Deployment/web");

    cluster.controllers().resume("deployments");
    RunReport a = runA.join();
    RunReport b = runB.join();

    // then: both succeeded, one after the other; the last writer's set is what remains
    assertThat(a.succeeded()).as("first run: %s", a).isTrue();
    assertThat(b.succeeded()).as("second run: %s", b).isTrue();
    Map<String, String> after = members(cluster);
    assertThat(after.keySet()).containsExactlyInAnyOrder("ConfigMap/common", "ConfigMap/only-b", "Deployment/web");
    // objects common to both kept their UIDs: nothing was deleted and created again
    assertThat(after.get("ConfigMap/common")).isEqualTo(whileA.get("ConfigMap/common"));
    assertThat(after.get("Deployment/web")).isEqualTo(whileA.get("Deployment/web"));
    assertThat(cluster.requests().count(RequestQuery.all().verb("delete").resource("configmaps")
        .namespace(cluster.namespace()))).as("only only-a pruned").isEqualTo(1);
    assertThat(cluster.requests().count(RequestQuery.all().verb("delete").resource("deployments")
        .namespace(cluster.namespace()))).isZero();
    // and the lock was released: the next run need not wait for the TTL
    assertThat(LeaseClaim.holding(lease(cluster)).holder()).isNull();
    assertThat(LeaseClaim.holding(lease(cluster)).transitions()).isEqualTo(1);
  }

  @Test
  void givenACrashedHolder_whenApplied_thenItWaitsAndTakesTheLockOverAtItsTtl(TestCluster cluster) {
    // given: a run that crashed holding the lock, TTL 2 s
    plantCrashedHolder(cluster, "ci@runner-7/4242/dead1", 2);
    Instant expires = Instant.now().plusSeconds(2);

    // when
    RunReport report = first.apply(load(first, cluster, set("only-a")), OPTIONS.withLockWait(Duration.ofSeconds(15)),
        firstEvents::add);

    // then: announced the wait naming the dead holder, took over after the TTL, converged, released
    assertThat(report.succeeded()).as("%s", report).isTrue();
    assertThat(firstEvents.get(0)).isInstanceOfSatisfying(ProgressEvent.LockWaiting.class,
        w -> assertThat(w.holder()).isEqualTo("ci@runner-7/4242/dead1"));
    assertThat(Instant.now()).isAfterOrEqualTo(expires.minusMillis(50));
    LeaseClaim.Holding holding = LeaseClaim.holding(lease(cluster));
    assertThat(holding.holder()).isNull();
    assertThat(holding.transitions()).isEqualTo(1);
    assertThat(members(cluster)).containsOnlyKeys("ConfigMap/common", "ConfigMap/only-a", "Deployment/web");
  }

  @Test
  void givenALiveHolder_whenTheLockWaitRunsOut_thenLockedErrorNamesItAndNothingIsWritten(TestCluster cluster) {
    // given: another run holds the lock and would renew it (TTL 30 s)
    plantCrashedHolder(cluster, "ops@laptop/99/live1", 30);
    long writesBefore = writes(cluster);

    // when / then
    assertThatThrownBy(() -> first.apply(load(first, cluster, set("only-a")),
        OPTIONS.withLockWait(Duration.ofMillis(600)), firstEvents::add))
        .isInstanceOfSatisfying(ApplySetLockedException.class, e -> {
          assertThat(e.holder()).isEqualTo("ops@laptop/99/live1");
          assertThat(e.getMessage()).contains("ops@laptop/99/live1").contains("waited");
        });
    assertThat(writes(cluster)).isEqualTo(writesBefore);
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("common").get()).isNull();
  }

  @Test
  void givenALiveHolder_whenLockWaitIsZero_thenFailsAtOnceWithoutAWaitingEvent(TestCluster cluster) {
    plantCrashedHolder(cluster, "ops@laptop/99/live2", 30);

    assertThatThrownBy(() -> first.destroyApplySet(SET, cluster.namespace(), OPTIONS.withLockWait(Duration.ZERO),
        firstEvents::add)).isInstanceOf(ApplySetLockedException.class);
    assertThat(firstEvents).isEmpty();
  }

  @Test
  void givenALiveHolder_whenDiffOrDryRunOrStatus_thenNoLockIsNeeded(TestCluster cluster) {
    // given
    plantCrashedHolder(cluster, "ops@laptop/99/live3", 30);
    ManifestSet set = load(first, cluster, set("only-a"));

    // when / then: read-only commands take no lock, so they neither wait nor fail
    assertThat(first.diff(set, OPTIONS.withLockWait(Duration.ZERO)).changed()).hasSize(3);
    assertThat(first.apply(set, OPTIONS.withDryRunServer(true).withLockWait(Duration.ZERO), firstEvents::add)
        .succeeded()).isTrue();
    assertThat(first.status(set).objects()).hasSize(3);
    assertThat(LeaseClaim.holding(lease(cluster)).holder()).isEqualTo("ops@laptop/99/live3");
  }

  /** Writes to the set's kinds (and the parent Secret) in the test namespace. */
  long writes(TestCluster cluster) {
    long all = 0;
    for (String verb : List.of("create", "update", "patch", "delete")) {
      for (String resource : List.of("configmaps", "secrets", "deployments")) {
        all += cluster.requests().count(RequestQuery.all().verb(verb).resource(resource).namespace(cluster.namespace()));
      }
    }
    return all;
  }
}
