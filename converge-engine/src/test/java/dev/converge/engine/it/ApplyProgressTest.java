package dev.converge.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.client.ApplyOption;
import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.errors.FieldManagerConflictException;
import dev.converge.core.errors.RolloutFailedException;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.core.status.ReadinessOptions;
import dev.converge.core.status.Status;
import dev.converge.core.status.wait.InformerWatchSource;
import dev.converge.core.status.wait.ReadinessWaiter;
import dev.converge.core.status.wait.Verdict;
import dev.converge.core.status.wait.WaitOptions;
import dev.converge.engine.Applier;
import dev.converge.engine.ApplyOptions;
import dev.converge.engine.ApplyResult;
import dev.converge.engine.NotCurrent;
import dev.converge.engine.manifest.KindResolver;
import dev.converge.engine.manifest.ManifestValidator;
import dev.converge.engine.manifest.ObjectKey;
import dev.converge.engine.manifest.Yaml;
import dev.converge.engine.plan.Plan;
import dev.converge.engine.plan.Planner;
import dev.converge.engine.progress.ApplyAction;
import dev.converge.engine.progress.ProgressEvent;
import dev.converge.sandbox.controllers.Failure;
import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.wait.ChangeListener;
import dev.converge.core.status.wait.ResourceType;
import dev.converge.core.status.wait.WatchSource;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The applier reports its progress as typed events, tells unchanged objects apart, waits until all
 * objects are CURRENT (failing fast, timing out with the last status) and reports field conflicts.
 */
@ConvergeCluster(controllers = true)
@Requires({Capability.CONTROLLER_CONTROL, Capability.FAULTS})
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ApplyProgressTest {
  /** Failing pods count as FAILED after this long: short, so fail fast is visible in a test. */
  private static final Duration POD_FAILURE_GRACE = Duration.ofSeconds(1);
  /** Grace plus slack for a loaded machine; the default wait timeout is far longer. */
  private static final Duration FAIL_FAST_BOUND = POD_FAILURE_GRACE.plusSeconds(6);
  private static final String HOLD = "converge.dev/hold";

  private ConvergeClient ops;
  private InformerWatchSource source;
  private ReadinessWaiter waiter;
  private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open(TestCluster cluster) {
    ops = ConvergeClient.wrap(cluster.client(), ClientOptions.DEFAULTS.with(b -> b.retryPolicy(RetryPolicy.NONE)));
    source = new InformerWatchSource(cluster.client());
    waiter = new ReadinessWaiter(source, WaitOptions.DEFAULTS.withTimeout(Duration.ofSeconds(20)));
  }

  @AfterEach
  void close(TestCluster cluster) {
    cluster.sandboxFor(Capability.CONTROLLER_CONTROL).controllers().clearImageFailures();
    cluster.faults().clear();
    waiter.close();
    source.close();
    ops.close();
  }

  private Plan plan(TestCluster cluster, String image) {
    return Planner.plan(new ManifestValidator(KindResolver.of(ops.discovery()), cluster.namespace())
        .validate(Yaml.read("set.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: app, image: "%s"}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{port: 80}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {mode: fast}
            """.formatted(image))).orThrow());
  }

  private static ApplyOptions waitBriefly() {
    return ApplyOptions.DEFAULTS.withTimeout(Duration.ofSeconds(20))
        .withReadiness(ReadinessOptions.DEFAULTS.withPodFailureGrace(POD_FAILURE_GRACE));
  }

  private Applier applier() {
    return new Applier(ops, waiter, Applier.DEFAULT_CONCURRENCY);
  }

  private ObjectKey deployment(TestCluster cluster) {
    return new ObjectKey("apps", "Deployment", cluster.namespace(), "web");
  }

  @Test
  void givenDeploymentServiceAndConfigMap_whenApplied_thenEventsArriveInOrderAndAllAreCurrent(TestCluster cluster) {
    // when
    ApplyResult result = applier().apply(plan(cluster, "nginx:1.27"), waitBriefly(), events::add);

    // then
    assertThat(result.succeeded()).as("%s", result).isTrue();
    assertThat(result.actions()).hasSize(3).containsValues(ApplyAction.CREATED).doesNotContainValue(ApplyAction.UNCHANGED);
    assertThat(events.get(0)).isInstanceOfSatisfying(ProgressEvent.Planned.class,
        p -> assertThat(p.objectCount()).isEqualTo(3));
    List<Class<?>> order = events.stream().<Class<?>>map(Object::getClass).toList();
    assertThat(order.stream().filter(c -> c == ProgressEvent.Applied.class)).hasSize(3);
    assertThat(order.stream().filter(c -> c == ProgressEvent.Ready.class)).hasSize(3);
    assertThat(order.lastIndexOf(ProgressEvent.Applied.class)).isLessThan(order.indexOf(ProgressEvent.Waiting.class));
    assertThat(order.lastIndexOf(ProgressEvent.Waiting.class)).isLessThan(order.indexOf(ProgressEvent.Ready.class));
    assertThat(order).doesNotContain(ProgressEvent.Failed.class);
    assertThat(events).filteredOn(ProgressEvent.Ready.class::isInstance)
        .allSatisfy(e -> assertThat(((ProgressEvent.Ready) e).readiness().status()).isEqualTo(Status.CURRENT));
  }

  @Test
  void givenAppliedSet_whenReapplied_thenEveryObjectUnchangedAndNoGenerationBump(TestCluster cluster) {
    // given
    assertThat(applier().apply(plan(cluster, "nginx:1.27"), waitBriefly(), e -> {}).succeeded()).isTrue();
    Long generation = cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("web").get()
        .getMetadata().getGeneration();

    // when
    ApplyResult again = applier().apply(plan(cluster, "nginx:1.27"), waitBriefly(), events::add);

    // then
    assertThat(again.succeeded()).isTrue();
    assertThat(again.actions()).hasSize(3).allSatisfy((key, action) -> assertThat(action).isEqualTo(ApplyAction.UNCHANGED));
    assertThat(again.changed()).isEmpty();
    assertThat(events).filteredOn(ProgressEvent.Applied.class::isInstance).hasSize(3)
        .allSatisfy(e -> assertThat(((ProgressEvent.Applied) e).action()).isEqualTo(ApplyAction.UNCHANGED));
    assertThat(cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("web").get()
        .getMetadata().getGeneration()).isEqualTo(generation);
  }

  @Test
  void givenChangedImage_whenReapplied_thenOnlyTheDeploymentIsConfigured(TestCluster cluster) {
    // given
    assertThat(applier().apply(plan(cluster, "nginx:1.27"), waitBriefly(), e -> {}).succeeded()).isTrue();

    // when
    ApplyResult again = applier().apply(plan(cluster, "nginx:1.28"), waitBriefly(), events::add);

    // then
    assertThat(again.succeeded()).isTrue();
    assertThat(again.changed()).containsExactly(deployment(cluster));
    assertThat(again.actions()).containsEntry(deployment(cluster), ApplyAction.CONFIGURED);
  }

  @Test
  void givenImageThatCannotBePulled_whenApplied_thenFailsFastWithThePodReason(TestCluster cluster) {
    // given
    String badImage = "registry.example/missing-" + cluster.namespace() + ":v9";
    cluster.sandboxFor(Capability.CONTROLLER_CONTROL).controllers()
        .failImages(Pattern.compile(Pattern.quote(badImage)), Failure.IMAGE_PULL);
    long start = System.nanoTime();

    // when
    ApplyResult result = applier().apply(plan(cluster, badImage), waitBriefly(), events::add);

    // then
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAIL_FAST_BOUND);
    assertThat(result.succeeded()).isFalse();
    NotCurrent web = result.notCurrent().stream().filter(n -> n.object().equals(deployment(cluster))).findFirst().orElseThrow();
    assertThat(web.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(web.reasons()).anyMatch(r -> r.contains("/app ") && r.contains("Image"));
    assertThat(events).filteredOn(ProgressEvent.Failed.class::isInstance)
        .anySatisfy(e -> {
          ProgressEvent.Failed failed = (ProgressEvent.Failed) e;
          assertThat(failed.object()).isEqualTo(deployment(cluster));
          assertThat(failed.error()).isInstanceOf(RolloutFailedException.class).hasMessageContaining(badImage);
        });
  }

  @Test
  void givenPausedRollout_whenTimeoutRunsOut_thenResultNamesTheObjectAndItsLastStatus(TestCluster cluster) {
    // given
    cluster.controllers().pause("deployments", cluster.namespace(), "web");

    // when
    ApplyResult result = applier().apply(plan(cluster, "nginx:1.27"),
        waitBriefly().withTimeout(Duration.ofSeconds(2)), events::add);

    // then
    assertThat(result.succeeded()).isFalse();
    assertThat(result.notCurrent()).singleElement().satisfies(n -> {
      assertThat(n.object()).isEqualTo(deployment(cluster));
      assertThat(n.verdict()).isEqualTo(Verdict.TIMED_OUT);
      assertThat(n.last().status()).isEqualTo(Status.IN_PROGRESS);
      assertThat(n.oneLine()).contains("web").contains("IN_PROGRESS");
    });
    assertThat(events).filteredOn(ProgressEvent.Ready.class::isInstance).hasSize(2);
  }

  @Test
  void givenFieldOwnedByAnotherManager_whenApplied_thenConflictNamesManagerAndForceTakesIt(TestCluster cluster) {
    // given: another manager owns data.mode
    ops.apply(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace(cluster.namespace()).endMetadata()
        .addToData("mode", "slow").build(), ApplyOption.fieldManager("ops-team"));
    Plan plan = plan(cluster, "nginx:1.27");

    // when
    ApplyResult conflicted = applier().apply(plan, waitBriefly(), events::add);

    // then: the conflict names the field and the manager, and nothing later was written
    ObjectKey settings = new ObjectKey("", "ConfigMap", cluster.namespace(), "settings");
    assertThat(conflicted.conflicts()).containsOnlyKeys(settings);
    FieldManagerConflictException conflict = conflicted.conflicts().get(settings);
    assertThat(conflict.managers()).containsExactly("ops-team");
    assertThat(conflict.fields()).anyMatch(f -> f.contains("mode"));
    assertThat(cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("web").get()).isNull();

    // when: forced
    ApplyResult forced = applier().apply(plan, waitBriefly().withForce(true), events::add);

    // then
    assertThat(forced.succeeded()).isTrue();
    assertThat(forced.actions()).containsEntry(settings, ApplyAction.CONFIGURED);
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("settings").get().getData())
        .containsEntry("mode", "fast");
  }

  @Test
  void givenTransientFailuresOnTheReadAndTheApply_whenApplied_thenRetriedAndReportedCreated(TestCluster cluster) {
    // given: a retrying client; the live read and the apply of the ConfigMap fail with 503 first
    String configMaps = "/api/v1/namespaces/" + cluster.namespace() + "/configmaps/*";
    cluster.faults().add(FaultSpec.parse("verb=get,path=" + configMaps + ",status=503,count=2"));
    cluster.faults().add(FaultSpec.parse("verb=patch,path=" + configMaps + ",status=503,count=2"));
    try (ConvergeClient retrying = ConvergeClient.wrap(cluster.client(), ClientOptions.DEFAULTS)) {

      // when
      ApplyResult result = new Applier(retrying, waiter, Applier.DEFAULT_CONCURRENCY)
          .apply(plan(cluster, "nginx:1.27"), waitBriefly(), events::add);

      // then
      assertThat(result.succeeded()).as("%s", result).isTrue();
      assertThat(result.actions()).containsEntry(new ObjectKey("", "ConfigMap", cluster.namespace(), "settings"),
          ApplyAction.CREATED);
      assertThat(cluster.requests().count(RequestQuery.all().verb("patch").resource("configmaps").namespace(cluster.namespace()))).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void givenNamespaceStuckTerminating_whenApplied_thenItsStageFailsAndItsContentsAreNotWritten(TestCluster cluster) {
    // given: a namespace held in Terminating by a finalizer on an object inside it
    String ns = cluster.namespace() + "-held";
    cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    cluster.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("held")
        .withFinalizers(HOLD).endMetadata().build()).create();
    cluster.client().namespaces().withName(ns).delete();
    cluster.eventually(Duration.ofSeconds(10), () -> assertThat(
        cluster.client().namespaces().withName(ns).get().getStatus().getPhase()).isEqualTo("Terminating"));
    Plan plan = Planner.plan(new ManifestValidator(KindResolver.of(ops.discovery()), cluster.namespace())
        .validate(Yaml.read("set.yaml", """
            apiVersion: v1
            kind: Namespace
            metadata: {name: %s}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: %s}
            """.formatted(ns, ns))).orThrow());
    try {
      // when
      ApplyResult result = applier().apply(plan, waitBriefly().withTimeout(Duration.ofSeconds(2)), events::add);

      // then
      ObjectKey namespace = new ObjectKey("", "Namespace", null, ns);
      assertThat(result.failed()).containsOnlyKeys(namespace);
      assertThat(result.failed().get(namespace)).hasMessageContaining(ns).hasMessageContaining("TERMINATING");
      assertThat(events).filteredOn(ProgressEvent.Failed.class::isInstance).hasSize(1);
      assertThat(cluster.client().configMaps().inNamespace(ns).withName("settings").get()).isNull();
    } finally {
      cluster.client().configMaps().inNamespace(ns).withName("held")
          .edit(cm -> new ConfigMapBuilder(cm).editMetadata().withFinalizers().endMetadata().build());
    }
  }

  @Test
  void givenWaitOff_whenApplied_thenReturnsAfterTheWritesWithoutWaiting(TestCluster cluster) {
    // given: a rollout that would never finish
    cluster.controllers().pause("deployments", cluster.namespace(), "web");

    // when
    ApplyResult result = applier().apply(plan(cluster, "nginx:1.27"), waitBriefly().withWait(false), events::add);

    // then
    assertThat(result.succeeded()).isTrue();
    assertThat(result.applied()).hasSize(3);
    assertThat(events).noneMatch(e -> e instanceof ProgressEvent.Waiting || e instanceof ProgressEvent.Ready);
  }

  @Test
  void givenPerObjectTimeoutShorterThanOverall_whenRolloutStalls_thenTheObjectTimesOutAtItsOwnLimit(TestCluster cluster) {
    // given
    cluster.controllers().pause("deployments", cluster.namespace(), "web");
    long start = System.nanoTime();

    // when
    ApplyResult result = applier().apply(plan(cluster, "nginx:1.27"),
        waitBriefly().withTimeout(Duration.ofSeconds(20)).withPerObjectTimeout(Duration.ofSeconds(2)), events::add);

    // then
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(result.notCurrent()).singleElement().satisfies(n -> {
      assertThat(n.object()).isEqualTo(deployment(cluster));
      assertThat(n.verdict()).isEqualTo(Verdict.TIMED_OUT);
    });
  }

  @Test
  void givenPodsFailingWithinTheirGrace_whenTimeoutRunsOut_thenResultCarriesReasonsAndWarningEvents(TestCluster cluster) {
    // given: image failures within a long grace keep the Deployment in progress
    String badImage = "registry.example/slow-" + cluster.namespace() + ":v9";
    cluster.sandboxFor(Capability.CONTROLLER_CONTROL).controllers()
        .failImages(Pattern.compile(Pattern.quote(badImage)), Failure.IMAGE_PULL);

    // when
    ApplyResult result = applier().apply(plan(cluster, badImage), waitBriefly().withTimeout(Duration.ofSeconds(3))
        .withReadiness(ReadinessOptions.DEFAULTS.withPodFailureGrace(Duration.ofMinutes(10))), events::add);

    // then
    assertThat(result.notCurrent()).singleElement().satisfies(n -> {
      assertThat(n.object()).isEqualTo(deployment(cluster));
      assertThat(n.verdict()).isEqualTo(Verdict.TIMED_OUT);
      assertThat(n.reasons()).anyMatch(r -> r.contains("/app ") && r.contains("Image"));
      assertThat(n.warnings()).anyMatch(w -> w.startsWith("Pod/web-") && w.contains("Failed"));
    });
  }

  @Test
  void givenDeploymentsCannotBeWatched_whenWaiting_thenResultNamesTheDeploymentAndTheWatchFailure(TestCluster cluster) {
    // given: the watch source refuses Deployments, as when listing them is forbidden
    WatchSource refusing = new WatchSource() {
      @Override
      public AutoCloseable watch(ResourceType type, @Nullable String namespace, ChangeListener listener) {
        if (type.kind().equals("Deployment")) {
          throw new IllegalStateException("could not list and watch deployments: Forbidden");
        }
        return source.watch(type, namespace, listener);
      }

      @Override
      public Collection<JsonNode> list(ResourceType type, @Nullable String namespace) {
        return source.list(type, namespace);
      }

      @Override
      public @Nullable JsonNode get(ResourceType type, @Nullable String namespace, String name) {
        return source.get(type, namespace, name);
      }

      @Override
      public void close() {}
    };
    try (ReadinessWaiter refusingWaiter = new ReadinessWaiter(refusing, WaitOptions.DEFAULTS)) {

      // when
      ApplyResult result = new Applier(ops, refusingWaiter, Applier.DEFAULT_CONCURRENCY)
          .apply(plan(cluster, "nginx:1.27"), waitBriefly().withTimeout(Duration.ofSeconds(2)), events::add);

      // then: the others are CURRENT; the Deployment, never judged, is reported not CURRENT
      assertThat(result.succeeded()).isFalse();
      assertThat(result.applied()).hasSize(3);
      assertThat(result.notCurrent()).singleElement().satisfies(n -> {
        assertThat(n.object()).isEqualTo(deployment(cluster));
        assertThat(n.verdict()).isEqualTo(Verdict.TIMED_OUT);
        assertThat(n.last().status()).isEqualTo(Status.UNKNOWN);
        assertThat(n.last().reason()).isEqualTo("WatchFailed");
      });
      assertThat(events).filteredOn(ProgressEvent.Ready.class::isInstance).hasSize(2);
    }
  }
}
