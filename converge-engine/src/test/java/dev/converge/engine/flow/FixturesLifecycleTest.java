package dev.converge.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.status.Status;
import dev.converge.engine.DeployOptions;
import dev.converge.engine.Engine;
import dev.converge.engine.ManifestSet;
import dev.converge.engine.RunReport;
import dev.converge.engine.RunReport.Action;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.TestCluster;
import dev.converge.core.status.wait.Goal;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every real-world fixture of {@code shared/fixtures}, through the facade: applies, converges (all
 * CURRENT), re-applies as a no-op, and destroys cleanly (a second destroy finds nothing).
 */
@ConvergeCluster(controllers = true)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FixturesLifecycleTest {
  static final DeployOptions OPTIONS = DeployOptions.DEFAULTS.withTimeout(Duration.ofSeconds(60));

  Engine engine;

  @BeforeEach
  void open(TestCluster cluster) {
    engine = Engine.create(cluster.client());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  /** shared/fixtures is a sibling of the repository root (as the other fixture tests find it). */
  static Optional<Path> fixtures() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("fixtures");
      if (Files.isDirectory(candidate.resolve("podinfo"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.of(Path.of("/work/shared/fixtures")).filter(Files::isDirectory);
  }

  static final String ROUTE_API = "gateway.networking.k8s.io/v1";

  static boolean hasRoutes(ManifestSet set) {
    return set.objects().stream().anyMatch(o -> "HTTPRoute".equals(o.kind()));
  }

  /**
   * Plays the Gateway controller the sandbox does not have: an HTTPRoute's CRD declares a status
   * subresource, so it is in progress until a controller reports on it, as on a real cluster.
   */
  static void writeRouteStatus(TestCluster cluster, ManifestSet set) {
    set.objects().stream().filter(o -> "HTTPRoute".equals(o.kind())).forEach(o -> {
      GenericKubernetesResource route = cluster.client().genericKubernetesResources(ROUTE_API, "HTTPRoute")
          .inNamespace(o.namespace()).withName(o.name()).get();
      route.setAdditionalProperty("status", Map.of("parents", List.of(Map.of(
          "parentRef", Map.of("name", "shared-gateway", "namespace", "infra-ns"),
          "controllerName", "example.net/gateway-controller",
          "conditions", List.of(Map.of("type", "Accepted", "status", "True", "reason", "Accepted",
              "message", "accepted by the stand-in controller", "lastTransitionTime", "2026-01-01T00:00:00Z",
              "observedGeneration", route.getMetadata().getGeneration()))))));
      cluster.client().genericKubernetesResources(ROUTE_API, "HTTPRoute").inNamespace(o.namespace())
          .resource(route).updateStatus();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"podinfo", "podinfo-webapp", "ingress-nginx", "gateway-api-cross-namespace"})
  void givenFixture_whenAppliedReappliedAndDestroyed_thenConvergesNoOpsAndLeavesNothing(String folder,
      TestCluster cluster) {
    Optional<Path> root = fixtures();
    Assumptions.assumeTrue(root.isPresent(), "shared/fixtures is not beside this checkout");
    ManifestSet set = engine.load(List.of(root.get().resolve(folder)), cluster.namespace());
    DeployOptions options = OPTIONS.withApplySet(folder);

    // when applied (and, where the fixture's controller is missing, its status written as it would)
    RunReport applied;
    if (hasRoutes(set)) {
      assertThat(engine.apply(set, options.withWait(false), e -> {}).succeeded()).isTrue();
      writeRouteStatus(cluster, set);
      applied = engine.await(set, Goal.READY, OPTIONS.timeout(), e -> {});
    } else {
      applied = engine.apply(set, options, e -> {});
    }

    // then
    assertThat(applied.result()).as("%s", applied.problems()).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(applied.objects()).hasSize(set.objects().size())
        .extracting(RunReport.ObjectReport::status).containsOnly(Status.CURRENT);

    // when re-applied
    RunReport again = engine.apply(set, options, e -> {});

    // then
    assertThat(again.result()).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(again.objects()).filteredOn(o -> o.action() != Action.UNCHANGED).as("changed on re-apply").isEmpty();

    // when destroyed, twice
    RunReport destroyed = engine.destroy(set, options, e -> {});
    RunReport twice = engine.destroy(set, options, e -> {});

    // then
    assertThat(destroyed.result()).as("%s", destroyed.problems()).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(engine.status(set).objects()).extracting(RunReport.ObjectReport::status).containsOnly(Status.NOT_FOUND);
    assertThat(twice.result()).isEqualTo(RunReport.Result.SUCCESS);
    assertThat(twice.objects()).extracting(RunReport.ObjectReport::action).containsOnly(Action.ABSENT);
  }
}
