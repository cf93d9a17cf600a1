package dev.converge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox with a data directory, restarted in the middle of a stream of writes, keeps every
 * write a client saw succeed, continues resourceVersions upwards, and the same fabric8 client
 * (same URL, CA and token) and its informer carry on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DurableSandboxTest {
  private static final String NS = "durable";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dataDir;

  @Test
  void givenWriteStream_whenSandboxClosedAndRestarted_thenNothingAcknowledgedIsLost() {
    restartInTheMiddleOfWrites(Sandbox::close);
  }

  @Test
  void givenWriteStream_whenSandboxCrashesAndRestarts_thenNothingAcknowledgedIsLost() {
    restartInTheMiddleOfWrites(Sandbox::crash);
  }

  private void restartInTheMiddleOfWrites(Consumer<Sandbox> stop) {
    Sandbox first = Sandbox.start(SandboxOptions.defaults().withDataDir(dataDir));
    int port = first.port();
    Sandbox second = null;
    try (KubernetesClient client = SandboxFixture.client(first)) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
          .endMetadata().build()).create();
      SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(NS).inform();
      Writer writer = new Writer(client);
      Thread thread = new Thread(writer, "durable-writer");
      thread.start();
      try {
        // given writes flowing
        await().atMost(WAIT).until(() -> writer.acknowledged.size() >= 30);

        // when the sandbox stops mid-stream and starts again on the same port and directory
        stop.accept(first);
        int ackedBefore = writer.acknowledged.size();
        long maxBefore = maxRevision(writer.acknowledged.subList(0, ackedBefore));
        second = Sandbox.start(SandboxOptions.defaults().withDataDir(dataDir).withPort(port));
        await().atMost(WAIT).until(() -> writer.acknowledged.size() >= ackedBefore + 30);
        writer.stop.set(true);
        thread.join(WAIT.toMillis());

        // then every acknowledged write is there with its data
        assertThat(writer.failures.get()).as("writes refused while down").isPositive();
        for (Ack ack : writer.acknowledged) {
          ConfigMap stored = client.configMaps().inNamespace(NS).withName(ack.name()).get();
          assertThat(stored).as(ack.name()).isNotNull();
          assertThat(stored.getData()).containsEntry("n", ack.name());
        }
        // and resourceVersions went on upwards
        List<Ack> after = writer.acknowledged.subList(ackedBefore, writer.acknowledged.size());
        assertThat(after).allSatisfy(a -> assertThat(a.revision()).isGreaterThan(maxBefore));
        assertThat(second.store().revision()).isGreaterThan(maxBefore);
        // and the informer started before the restart converges to the server's state
        await().atMost(WAIT).untilAsserted(() -> assertThat(names(informer.getStore().list()))
            .containsAll(writer.acknowledged.stream().map(Ack::name).toList()));
        informer.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      } finally {
        writer.stop.set(true);
      }
    } finally {
      if (second != null) {
        second.close();
      } else {
        first.close();
      }
    }
  }

  @Test
  void givenCustomResources_whenRestarted_thenTheKindIsServedAgainWithItsObjects() {
    ResourceDefinitionContext widgets = new ResourceDefinitionContext.Builder()
        .withGroup("example.com").withVersion("v1").withPlural("widgets").withKind("Widget")
        .withNamespaced(true).build();
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withDataDir(dataDir));
        KubernetesClient client = SandboxFixture.client(sandbox)) {
      client.apiextensions().v1().customResourceDefinitions().resource(widgetCrd(client))
          .create();
      GenericKubernetesResource w = new GenericKubernetesResource();
      w.setApiVersion("example.com/v1");
      w.setKind("Widget");
      w.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("w1")
          .withNamespace("default").build());
      w.setAdditionalProperty("spec", Map.of("size", 3));
      await().atMost(WAIT).ignoreExceptions().until(() ->
          client.genericKubernetesResources(widgets).inNamespace("default").resource(w).create()
              != null);
    }

    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withDataDir(dataDir));
        KubernetesClient client = SandboxFixture.client(sandbox)) {
      await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
          client.genericKubernetesResources(widgets).inNamespace("default").withName("w1").get()
              .get("spec", "size").toString()).isEqualTo("3"));
    }
  }

  @Test
  void givenRunningSandbox_whenSecondUsesItsDataDir_thenItIsRefused() {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withDataDir(dataDir))) {
      assertThat(sandbox.port()).isPositive();
      assertThatThrownBy(() -> Sandbox.start(SandboxOptions.defaults().withDataDir(dataDir)))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
    }
  }

  @Test
  void givenDataDir_whenRestarted_thenCaAndAdminTokenAreKept() {
    String ca;
    String token;
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withDataDir(dataDir))) {
      ca = sandbox.caCertPem();
      token = sandbox.adminToken();
    }
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withDataDir(dataDir))) {
      assertThat(sandbox.caCertPem()).isEqualTo(ca);
      assertThat(sandbox.adminToken()).isEqualTo(token);
      assertThat(dataDir.resolve("pki").resolve("ca.crt")).exists();
    }
  }

  @Test
  void measureWriteThroughputOverHttp() {
    double inMemory;
    try (Sandbox sandbox = Sandbox.start()) {
      inMemory = createsPerSecond(sandbox);
    }
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withDataDir(dataDir))) {
      double durable = createsPerSecond(sandbox);
      System.out.printf("fabric8 creates/s, one writer: in memory %.0f, durable %.0f%n",
          inMemory, durable);
      assertThat(sandbox.store().size()).isGreaterThanOrEqualTo(300);
    }
  }

  private static double createsPerSecond(Sandbox sandbox) {
    try (KubernetesClient client = SandboxFixture.client(sandbox)) {
      for (int i = 0; i < 100; i++) {
        create(client, "warm-" + i);
      }
      int n = 200;
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        create(client, "cm-" + i);
      }
      return n / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static void create(KubernetesClient client, String name) {
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
        .withName(name).endMetadata().addToData("n", name).build()).create();
  }

  private static CustomResourceDefinition widgetCrd(KubernetesClient client) {
    String yaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, kind: Widget}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer}
        """;
    return client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
  }

  private static long maxRevision(List<Ack> acks) {
    return acks.stream().mapToLong(Ack::revision).max().orElseThrow();
  }

  private static List<String> names(List<ConfigMap> items) {
    return items.stream().map(c -> c.getMetadata().getName()).collect(Collectors.toList());
  }

  /** A create the server answered with success, and the resourceVersion it answered. */
  private record Ack(String name, long revision) {}

  /** Creates config maps one after another, recording which ones the server acknowledged. */
  private static final class Writer implements Runnable {
    final KubernetesClient client;
    final List<Ack> acknowledged = new CopyOnWriteArrayList<>();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicBoolean stop = new AtomicBoolean();
  

    Writer(KubernetesClient client) {
      this.client = client;
    }

    @Override
    public void run() {
      for (int i = 0; !stop.get(); i++) {
        String name = "cm-" + i;

        try {
          ConfigMap created = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
              .withNewMetadata().withName(name).endMetadata().addToData("n", name).build())
              .create();
          acknowledged.add(new Ack(name,
              Long.parseLong(created.getMetadata().getResourceVersion())));
        } catch (RuntimeException e) {
          // Refused or cut while the sandbox is down: not acknowledged, so no promise to keep.
          failures.incrementAndGet();
        }
      }
    }
  }
}
