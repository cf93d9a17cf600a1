package dev.converge.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.engine.manifest.KindResolver;
import dev.converge.engine.manifest.ManifestReader;
import dev.converge.engine.manifest.ManifestValidator;
import dev.converge.engine.manifest.ValidationReport;
import dev.converge.engine.manifest.Yaml;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link KindResolver#of} answers from the core client's discovery of a real API server. */
@ConvergeCluster(controllers = false)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KindResolverDiscoveryTest {

  static ConvergeClient ops(TestCluster cluster) {
    // no retries: a kind the server does not serve must resolve empty at once
    return ConvergeClient.wrap(cluster.client(), ClientOptions.DEFAULTS.with(b -> b.retryPolicy(RetryPolicy.NONE)));
  }

  @Test
  void givenDiscovery_whenResolvingKinds_thenScopesComeFromTheServer_andUnservedKindsAreEmpty(TestCluster cluster) {
    try (ConvergeClient ops = ops(cluster)) {
      // given
      KindResolver kinds = KindResolver.of(ops.discovery());

      // then
      assertThat(kinds.scopeOf("apps/v1", "Deployment")).contains(KindResolver.Scope.NAMESPACED);
      assertThat(kinds.scopeOf("v1", "Namespace")).contains(KindResolver.Scope.CLUSTER);
      assertThat(kinds.scopeOf("example.converge.dev/v1", "Widget")).isEmpty();
    }
  }

  @Test
  void givenUnservedKindWithoutCrd_whenValidatedAgainstDiscovery_thenReported(TestCluster cluster) {
    try (ConvergeClient ops = ops(cluster)) {
      ValidationReport report = new ManifestValidator(KindResolver.of(ops.discovery()), cluster.namespace())
          .validate(Yaml.read("w.yaml", "apiVersion: example.converge.dev/v1\nkind: Widget\nmetadata: {name: w}\n"));

      assertThat(report.problems()).singleElement().extracting(p -> p.field()).isEqualTo("kind");
    }
  }

  @Test
  void givenEveryFixture_whenValidatedAgainstDiscovery_thenValid(TestCluster cluster) {
    Optional<Path> fixtures = locateFixtures();
    Assumptions.assumeTrue(fixtures.isPresent(), "shared/fixtures is not beside this checkout");
    try (ConvergeClient ops = ops(cluster)) {
      ManifestValidator validator = new ManifestValidator(KindResolver.of(ops.discovery()), cluster.namespace());
      for (String folder : List.of("podinfo", "podinfo-webapp", "ingress-nginx", "gateway-api-cross-namespace")) {
        ValidationReport report = validator.validate(new ManifestReader().read(List.of(fixtures.get().resolve(folder))));
        assertThat(report.problems()).as(folder).isEmpty();
      }
    }
  }

  static Optional<Path> locateFixtures() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("fixtures");
      if (Files.isDirectory(candidate.resolve("podinfo"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
