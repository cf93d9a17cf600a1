package dev.converge.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.status.ReadinessOptions;
import dev.converge.core.status.Status;
import dev.converge.engine.DeployOptions;
import dev.converge.engine.Engine;
import dev.converge.engine.ManifestSet;
import dev.converge.engine.RunReport;
import dev.converge.engine.RunReport.Action;
import dev.converge.engine.manifest.Yaml;
import dev.converge.sandbox.controllers.Failure;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import dev.converge.engine.progress.ProgressEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lifecycle scenarios of issue 6 through the engine facade on the sandbox: drift repaired,
 * deletes recovered, renames replaced, destroys idempotent, bad images failing fast.
 */
@ConvergeCluster(controllers = true)
@Requires({Capability.CONTROLLER_CONTROL, Capability.REQUEST_COUNTS})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LifecycleTest {
  /** Failing pods count as FAILED after this long: short, so fail fast shows in a test. */
  static final Duration POD_FAILURE_GRACE = Duration.ofSeconds(1);
  static final DeployOptions OPTIONS = DeployOptions.DEFAULTS.withTimeout(Duration.ofSeconds(20))
      .withReadiness(ReadinessOptions.DEFAULTS.withPodFailureGrace(POD_FAILURE_GRACE));

  Engine engine;

  @BeforeEach
  void open(TestCluster cluster) {
    engine = Engine.create(cluster.client());
  }

  @AfterEach
  void close(TestCluster cluster) {
    cluster.sandboxFor(Capability.CONTROLLER_CONTROL).controllers().clearImageFailures();
    engine.close();
  }

  ManifestSet load(TestCluster cluster, String yaml) {
    return engine.validate(Yaml.read("set.yaml", yaml), cluster.namespace());
  }

  static String web(String name, String image) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s}
        spec:
          replicas: 2
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
              - name: app
                image: "%s"
                env: [{name: MODE, value: fast}]
        ---
        """.formatted(name, name, name, image);
  }

  static final String SETTINGS = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: fast}\n";

  Deployment deployment(TestCluster cluster, String name) {
    return cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName(name).get();
  }

  RunReport apply(TestCluster cluster, String yaml, DeployOptions options) {
    return engine.apply(load(cluster, yaml), options, e -> {});
  }

  @Test
  void givenOutOfBandScaleImageAndEnvChanges_whenReapplied_thenAllAreRepaired(TestCluster cluster) {
    // given: applied, then changed by another manager (kubectl scale / set image / set env style)
    String set = web("web", "nginx:1.27") + SETTINGS;
    assertThat(apply(cluster, set, OPTIONS.withApplySet("web-set")).result()).isEqualTo(RunReport.Result.SUCCESS);
    cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("web").scale(5);
    cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("web")
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), """
            {"spec": {"template": {"spec": {"containers": [
              {"name": "app", "image": "nginx:hacked", "env": [{"name": "MODE", "value": "slow"}]}]}}}}""");
    cluster.client().configMaps().inNamespace(cluster.namespace()).withName("settings")
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"data\": {\"mode\": \"slow\"}}");
    Deployment drifted = deployment(cluster, "web");
    assertThat(drifted.getSpec().getReplicas()).isEqualTo(5);
    assertThat(drifted.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:hacked");

    // when
    RunReport report = apply(cluster, set, OPTIONS.withApplySet("web-set"));

    // then
    assertThat(report.result()).as("%s", report).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(report.object("Deployment", "web").action()).isEqualTo(Action.CONFIGURED);
    assertThat(report.object("ConfigMap", "settings").action()).isEqualTo(Action.CONFIGURED);
    Deployment web = deployment(cluster, "web");
    assertThat(web.getSpec().getReplicas()).isEqualTo(2);
    assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
    assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .extracting(EnvVar::getValue).containsExactly("fast");
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("settings").get().getData())
        .containsEntry("mode", "fast");
    // as on a real server, the out-of-band writers took the fields: the plain apply conflicted, the
    // repair forced
    assertThat(cluster.requests().count(RequestQuery.all().verb("patch").resource("deployments")
        .namespace(cluster.namespace()).outcome("409"))).isEqualTo(1);
  }

  @Test
  void givenAnotherApplierOwnsAField_whenApplied_thenConflictNamesFieldAndManagerUnlessForced(TestCluster cluster) {
    // given: another applier declares the same field with another value
    assertThat(apply(cluster, SETTINGS, OPTIONS).succeeded()).isTrue();
    cluster.client().configMaps().inNamespace(cluster.namespace()).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("settings").endMetadata().addToData("mode", "theirs").build())
        .fieldManager("other-tool").forceConflicts().serverSideApply();

    // when
    RunReport refused = apply(cluster, SETTINGS, OPTIONS);

    // then
    assertThat(refused.result()).isEqualTo(RunReport.Result.FAILED);
    assertThat(refused.object("ConfigMap", "settings").reason()).contains("data.mode", "other-tool");

    // when forced
    RunReport forced = apply(cluster, SETTINGS, OPTIONS.withForce(true));

    // then
    assertThat(forced.succeeded()).isTrue();
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("settings").get().getData())
        .containsEntry("mode", "fast");
  }

  @Test
  void givenObjectDeletedOutOfBand_whenReapplied_thenRecreated(TestCluster cluster) {
    // given
    String set = web("web", "nginx:1.27") + SETTINGS;
    assertThat(apply(cluster, set, OPTIONS).succeeded()).isTrue();
    cluster.client().configMaps().inNamespace(cluster.namespace()).withName("settings").delete();
    cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("web").delete();
    cluster.eventually(() -> assertThat(deployment(cluster, "web")).isNull());

    // when
    RunReport report = apply(cluster, set, OPTIONS);

    // then
    assertThat(report.result()).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(report.objects()).extracting(RunReport.ObjectReport::action).containsOnly(Action.CREATED);
    assertThat(report.objects()).extracting(RunReport.ObjectReport::status).containsOnly(Status.CURRENT);
  }

  @Test
  void givenRenamedObject_whenAppliedWithPrune_thenNewCreatedAndOldPruned(TestCluster cluster) {
    // given
    assertThat(apply(cluster, web("web", "nginx:1.27") + SETTINGS, OPTIONS.withPrune("web-set")).succeeded()).isTrue();
    String oldUid = deployment(cluster, "web").getMetadata().getUid();

    // when
    RunReport report = apply(cluster, web("web-v2", "nginx:1.27") + SETTINGS, OPTIONS.withPrune("web-set"));

    // then
    assertThat(report.result()).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(report.object("Deployment", "web-v2").action()).isEqualTo(Action.CREATED);
    assertThat(report.object("Deployment", "web-v2").status()).isEqualTo(Status.CURRENT);
    assertThat(report.pruned()).extracting(RunReport.ObjectReport::name, RunReport.ObjectReport::action)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("web", Action.PRUNED));
    assertThat(deployment(cluster, "web")).isNull();
    assertThat(deployment(cluster, "web-v2").getMetadata().getUid()).isNotEqualTo(oldUid);
  }

  @Test
  void givenUnlabelledObjectOfSameKind_whenPruned_thenItIsNeverTouched(TestCluster cluster) {
    // given
    cluster.client().configMaps().inNamespace(cluster.namespace()).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("hand-made").endMetadata().addToData("k", "v").build()).create();
    assertThat(apply(cluster, SETTINGS, OPTIONS.withPrune("cm-set")).succeeded()).isTrue();

    // when: the set drops everything
    RunReport report = apply(cluster, "", OPTIONS.withPrune("cm-set").withAllowEmptyPrune(true));

    // then
    assertThat(report.pruned()).extracting(RunReport.ObjectReport::name).containsExactly("settings");
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace()).withName("hand-made").get()).isNotNull();
  }

  @Test
  void givenDeployment_whenDestroyedTwice_thenSecondIsNoOpSuccess(TestCluster cluster) {
    // given
    ManifestSet set = load(cluster, web("web", "nginx:1.27"));
    assertThat(engine.apply(set, OPTIONS, e -> {}).succeeded()).isTrue();

    // when
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    RunReport first = engine.destroy(set, OPTIONS, events::add);
    RunReport second = engine.destroy(set, OPTIONS, events::add);

    // then
    assertThat(first.result()).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(first.object("Deployment", "web").action()).isEqualTo(Action.DELETED);
    assertThat(deployment(cluster, "web")).isNull();
    assertThat(second.result()).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(second.object("Deployment", "web").action()).isEqualTo(Action.ABSENT);
    assertThat(events).singleElement().isInstanceOfSatisfying(ProgressEvent.Deleted.class,
        d -> assertThat(d.object().name()).isEqualTo("web"));
  }

  @Test
  void givenNamespace_whenDestroyedTwiceThenReapplied_thenDestroyWaitsForFinalizationAndApplyRecreates(
      TestCluster cluster) {
    // given: a namespace of its own with content
    String ns = cluster.namespace() + "-own";
    ManifestSet set = load(cluster, "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + ns + "}\n---\n"
        + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: " + ns + "}\ndata: {a: b}\n");
    assertThat(engine.apply(set, OPTIONS, e -> {}).succeeded()).isTrue();

    // when
    RunReport first = engine.destroy(set, OPTIONS, e -> {});

    // then: gone (finalized) by the time destroy returns
    assertThat(first.result()).as("%s", first).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(cluster.client().namespaces().withName(ns).get()).isNull();
    assertThat(engine.destroy(set, OPTIONS, e -> {}).objects()).extracting(RunReport.ObjectReport::action)
        .containsOnly(Action.ABSENT);

    // when: applied again right away
    RunReport again = engine.apply(set, OPTIONS, e -> {});

    // then
    assertThat(again.result()).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(again.objects()).extracting(RunReport.ObjectReport::action).containsOnly(Action.CREATED);
  }

  @Test
  void givenNamespaceDeletedOutOfBand_whenReappliedAtOnce_thenApplyWaitsForFinalizationAndRecreates(
      TestCluster cluster) {
    // given: deleted without waiting, still terminating when the apply starts
    String ns = cluster.namespace() + "-gone";
    ManifestSet set = load(cluster, "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + ns + "}\n---\n"
        + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: " + ns + "}\ndata: {a: b}\n");
    assertThat(engine.apply(set, OPTIONS, e -> {}).succeeded()).isTrue();
    String oldUid = cluster.client().namespaces().withName(ns).get().getMetadata().getUid();
    cluster.client().namespaces().withName(ns).delete();

    // when
    RunReport again = engine.apply(set, OPTIONS, e -> {});

    // then
    assertThat(again.result()).as("%s", again).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(cluster.client().namespaces().withName(ns).get().getMetadata().getUid()).isNotEqualTo(oldUid);
    assertThat(cluster.client().configMaps().inNamespace(ns).withName("settings").get()).isNotNull();
    engine.destroy(set, OPTIONS, e -> {});
  }

  @Test
  void givenImageThatCannotBePulled_whenApplied_thenFailsFastNamingThePodReason(TestCluster cluster) {
    // given
    String badImage = "registry.example/missing-" + cluster.namespace() + ":v9";
    cluster.sandboxFor(Capability.CONTROLLER_CONTROL).controllers()
        .failImages(Pattern.compile(Pattern.quote(badImage)), Failure.IMAGE_PULL);
    long start = System.nanoTime();

    // when
    RunReport report = apply(cluster, web("web", badImage) + SETTINGS, OPTIONS);

    // then: well before the 20 s timeout
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(POD_FAILURE_GRACE.plusSeconds(8));
    assertThat(report.result()).isEqualTo(RunReport.Result.FAILED);
    RunReport.ObjectReport web = report.object("Deployment", "web");
    assertThat(web.status()).isEqualTo(Status.FAILED);
    assertThat(web.reason()).contains("/app ").containsIgnoringCase("image");
  }
}
