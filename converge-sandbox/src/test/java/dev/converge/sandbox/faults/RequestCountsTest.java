package dev.converge.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sandbox counts every request exactly, by verb, resource, namespace, client, outcome. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RequestCountsTest {
  static Sandbox sandbox;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    // Without controllers: their own requests (some still in flight) would blur exact counts.
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(false));
    client = SandboxFixture.client(sandbox);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("counted")
        .endMetadata().build()).create();
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @BeforeEach
  void reset() {
    sandbox.requests().reset();
  }

  @Test
  void givenOneCreate_thenExactlyOnePostIsCountedWithItsOutcome() {
    client.configMaps().inNamespace("counted").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("one").endMetadata().build()).create();

    RequestCounts counts = sandbox.requests();
    assertThat(counts.count("create", "configmaps")).isEqualTo(1);
    assertThat(counts.count(RequestQuery.all().verb("create").resource("configmaps")
        .namespace("counted").client("fabric8-kubernetes-client").outcome("201"))).isEqualTo(1);
    assertThat(counts.total()).isEqualTo(1);
  }

  @Test
  void givenVerbsAndSubresources_thenEachIsCountedApart() {
    client.apps().deployments().inNamespace("counted").resource(new DeploymentBuilder()
        .withNewMetadata().withName("web").endMetadata().withNewSpec().withNewSelector()
        .addToMatchLabels("app", "web").endSelector().withNewTemplate().withNewMetadata()
        .addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer().withName("c")
        .withImage("nginx").endContainer().endSpec().endTemplate().endSpec().build()).create();
    client.apps().deployments().inNamespace("counted").withName("web").get();
    client.apps().deployments().inNamespace("counted").list();
    client.apps().deployments().inNamespace("counted").withName("web").scale(2);
    client.configMaps().inNamespace("counted").withName("missing").get();

    RequestCounts counts = sandbox.requests();
    assertThat(counts.count("create", "apps/deployments")).isEqualTo(1);
    assertThat(counts.count(RequestQuery.all().verb("list").resource("deployments")))
        .isEqualTo(1);
    assertThat(counts.count(RequestQuery.all().resource("deployments").subresource("scale")))
        .isPositive();
    assertThat(counts.count(RequestQuery.all().verb("get").resource("configmaps")
        .outcome("404"))).isEqualTo(1);
    assertThat(counts.snapshot().keySet()).allSatisfy(r ->
        assertThat(r.outcome()).isNotEqualTo(RequestRecord.PENDING));
  }

  @Test
  void givenAWatch_thenItIsCountedOnceUpgraded() {
    try (var ignored = client.configMaps().inNamespace("counted").watch(new NoopWatcher())) {
      await().atMost(Duration.ofSeconds(10)).until(() ->
          sandbox.requests().count("watch", "configmaps") == 1);
      assertThat(sandbox.requests().count(RequestQuery.all().verb("watch").outcome("101")))
          .isEqualTo(1);
    }
  }

  @Test
  void givenReset_thenCountsStartAgain() {
    client.namespaces().withName("counted").get();
    sandbox.requests().reset();
    client.namespaces().withName("counted").get();

    assertThat(sandbox.requests().count("get", "namespaces")).isEqualTo(1);
  }

  static final class NoopWatcher implements io.fabric8.kubernetes.client.Watcher<
      io.fabric8.kubernetes.api.model.ConfigMap> {
    @Override
    public void eventReceived(Action action, io.fabric8.kubernetes.api.model.ConfigMap cm) {}

    @Override
    public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
  }
}
