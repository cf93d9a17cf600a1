package dev.converge.sandbox.listwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.RawApi;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import dev.converge.sandbox.SandboxOptions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WatchTest {
  static Sandbox sandbox;
  static KubernetesClient client;
  String ns;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start();
    client = SandboxFixture.client(sandbox);
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @BeforeEach
  void namespace(TestInfo info) {
    ns = Namespaces.unique(info);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
        .endMetadata().build()).create();
  }

  private ConfigMap write(String name, Map<String, String> labels, String value) {
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(name).withLabels(labels)
        .endMetadata().addToData("v", value).build();
    return client.configMaps().inNamespace(ns).resource(cm).createOr(op -> op.update());
  }

  @Test
  void givenWatch_whenObjectCreatedModifiedDeleted_thenEventsArriveInOrder() {
    RecordingWatcher<ConfigMap> watcher = new RecordingWatcher<>();
    try (Watch ignored = client.configMaps().inNamespace(ns).watch(watcher)) {
      write("a", Map.of(), "1");
      write("a", Map.of(), "2");
      client.configMaps().inNamespace(ns).withName("a").delete();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(watcher.events).containsExactly("ADDED a", "MODIFIED a", "DELETED a"));
    }
  }

  @Test
  void givenPastResourceVersion_whenWatched_thenHistoryIsReplayed() {
    String from = client.configMaps().inNamespace(ns).list().getMetadata().getResourceVersion();
    write("a", Map.of(), "1");
    write("b", Map.of(), "1");
    write("a", Map.of(), "2");
    client.configMaps().inNamespace(ns).withName("b").delete();
    RecordingWatcher<ConfigMap> watcher = new RecordingWatcher<>();
    try (Watch ignored = client.configMaps().inNamespace(ns)
        .watch(new ListOptionsBuilder().withResourceVersion(from).build(), watcher)) {
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(watcher.events)
          .containsExactly("ADDED a", "ADDED b", "MODIFIED a", "DELETED b"));
    }
  }

  @Test
  void givenLabelSelector_whenObjectIsRelabelled_thenItLeavesAsDeletedAndReturnsAsAdded() {
    RecordingWatcher<ConfigMap> watcher = new RecordingWatcher<>();
    try (Watch ignored = client.configMaps().inNamespace(ns).withLabel("app", "web")
        .watch(watcher)) {
      write("a", Map.of("app", "web"), "1");
      write("other", Map.of("app", "db"), "1");
      write("a", Map.of("app", "db"), "1");
      write("a", Map.of("app", "db"), "2");
      write("a", Map.of("app", "web"), "2");
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(watcher.events)
          .containsExactly("ADDED a", "DELETED a", "ADDED a"));
    }
  }

  @Test
  void givenBookmarksAllowed_whenWatchIsQuiet_thenBookmarksCarryTheCurrentRevision()
      throws Exception {
    write("elsewhere", Map.of(), "1");
    long revision = sandbox.store().revision();
    RawApi.WatchLines watch = new RawApi(sandbox).watch("/api/v1/namespaces/" + ns
        + "/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion=" + revision);
    client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("bump-" + ns).endMetadata().build()).create();
    long bumped = sandbox.store().revision();
    String line = watch.lines().poll(10, TimeUnit.SECONDS);
    assertThat(line).contains("\"type\":\"BOOKMARK\"")
        .contains("\"resourceVersion\":\"" + bumped + "\"");
  }

  @Test
  void givenTimeoutSeconds_whenWatching_thenServerEndsTheStream() {
    RawApi.WatchLines watch = new RawApi(sandbox).watch("/api/v1/namespaces/" + ns
        + "/configmaps?watch=true&timeoutSeconds=1");
    await().atMost(Duration.ofSeconds(5)).until(() -> watch.ended().isDone());
    assertThat(watch.ended()).isNotCompletedExceptionally();
  }

  @Test
  void givenCompactedHistory_whenWatchingFromAnOldVersion_thenWatcherClosesWith410() {
    try (Sandbox small = Sandbox.start(SandboxOptions.defaults().withWatchHistory(5));
        KubernetesClient c = SandboxFixture.client(small)) {
      String from = c.configMaps().inNamespace("default").list().getMetadata()
          .getResourceVersion();
      for (int i = 0; i < 10; i++) {
        c.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
            .withName("cm-" + i).endMetadata().build()).create();
      }
      RecordingWatcher<ConfigMap> watcher = new RecordingWatcher<>();
      c.configMaps().inNamespace("default")
          .watch(new ListOptionsBuilder().withResourceVersion(from).build(), watcher);
      WatcherException cause = watcher.closed.orTimeout(10, TimeUnit.SECONDS).join();
      assertThat(cause).isNotNull();
      assertThat(cause.isHttpGone()).isTrue();
      assertThat(watcher.events).isEmpty();
    }
  }

  @Test
  void givenVersionInsideTheWindow_whenWatched_thenNoGone() {
    try (Sandbox small = Sandbox.start(SandboxOptions.defaults().withWatchHistory(5));
        KubernetesClient c = SandboxFixture.client(small)) {
      for (int i = 0; i < 10; i++) {
        c.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
            .withName("cm-" + i).endMetadata().build()).create();
      }
      // The oldest retained event is cm-5's, so resuming just before it replays five events.
      String from = Long.toString(small.store().revision() - 5);
      RecordingWatcher<ConfigMap> watcher = new RecordingWatcher<>();
      try (Watch ignored = c.configMaps().inNamespace("default")
          .watch(new ListOptionsBuilder().withResourceVersion(from).build(), watcher)) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(watcher.events)
            .containsExactly("ADDED cm-5", "ADDED cm-6", "ADDED cm-7", "ADDED cm-8",
                "ADDED cm-9"));
        assertThat(watcher.closed).isNotDone();
      }
    }
  }
}
