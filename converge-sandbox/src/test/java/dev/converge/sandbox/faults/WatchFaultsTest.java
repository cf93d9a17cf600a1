package dev.converge.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.RawApi;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxFixture;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Watch streams dropped mid-stream and watch events held back for chosen clients. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WatchFaultsTest {
  static final AtomicInteger NAMESPACES = new AtomicInteger();
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
  void namespace() {
    ns = "watch-faults-" + NAMESPACES.incrementAndGet();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
        .endMetadata().build()).create();
  }

  @AfterEach
  void clearFaults() {
    sandbox.faults().clear();
  }

  private void write(String name, String value) {
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .addToData("v", value).build();
    client.configMaps().inNamespace(ns).resource(cm).createOr(op -> op.update());
  }

  private long watchRequests() {
    return sandbox.requests().count(RequestQuery.all().verb("watch").resource("configmaps")
        .namespace(ns));
  }

  @Test
  void givenDropAfterEvents_whenFabric8Watches_thenTheStreamBreaksAndFabric8Rewatches() {
    sandbox.faults().add(FaultSpec.parse("path=/api/v1/namespaces/" + ns + "/configmaps,drop=2,"
        + "count=1"));
    List<String> events = new CopyOnWriteArrayList<>();
    try (Watch ignored = client.configMaps().inNamespace(ns).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        events.add(action + " " + resource.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {
        events.add("closed");
      }
    })) {
      write("a", "1");
      write("b", "1");
      await().atMost(Duration.ofSeconds(20)).until(() -> watchRequests() >= 2);
      write("c", "1");
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(events).contains("ADDED a", "ADDED b", "ADDED c"));
    }
    assertThat(sandbox.faults().rules().get(0).applied()).isEqualTo(1);
    // fabric8 watches over WebSocket: both watches were upgraded.
    assertThat(sandbox.requests().count(RequestQuery.all().verb("watch").namespace(ns)
        .outcome("101"))).isEqualTo(watchRequests());
  }

  @Test
  void givenDropAfterEvents_whenWatchedOverChunkedHttp_thenTheStreamEndsAfterThoseEvents()
      throws Exception {
    write("a", "1");
    write("b", "1");
    write("c", "1");
    sandbox.faults().add(FaultSpec.parse("verb=watch,path=/api/v1/namespaces/" + ns
        + "/configmaps,drop=2"));

    RawApi.WatchLines watch = new RawApi(sandbox).watch("/api/v1/namespaces/" + ns
        + "/configmaps?watch=true");

    await().atMost(Duration.ofSeconds(10)).until(() -> watch.ended().isDone());
    assertThat(watch.lines()).hasSize(2);
  }

  @Test
  void givenDropAfterEvents_whenWatchedOverWebSocket_thenTheSocketBreaksAfterThoseEvents() {
    write("a", "1");
    write("b", "1");
    write("c", "1");
    sandbox.faults().add(FaultSpec.parse("verb=watch,path=/api/v1/namespaces/" + ns
        + "/configmaps,drop=2"));
    List<String> messages = new CopyOnWriteArrayList<>();
    CompletableFuture<String> ended = new CompletableFuture<>();

    SandboxFixture.jdkClient(sandbox).newWebSocketBuilder()
        .header("Authorization", "Bearer " + sandbox.adminToken())
        .buildAsync(URI.create(sandbox.url().replaceFirst("^http", "ws") + "/api/v1/namespaces/"
            + ns + "/configmaps?watch=true"), new WebSocket.Listener() {
              @Override
              public void onOpen(WebSocket ws) {
                // Unbounded demand: frames already received are delivered before the break.
                ws.request(Long.MAX_VALUE);
              }

              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                messages.add(data.toString());
                return null;
              }

              @Override
              public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                ended.complete("close frame " + code);
                return null;
              }

              @Override
              public void onError(WebSocket ws, Throwable error) {
                ended.complete("broken: " + error);
              }
            }).join();

    await().atMost(Duration.ofSeconds(10)).until(ended::isDone);
    // 1006: the connection ended without a close frame, as when a network drops it.
    assertThat(ended.join()).matches("close frame 1006|broken.*");
    // The third event is never sent. (The JDK's TLS WebSocket client sometimes loses the frame
    // still in flight when the connection drops, as a real client may, so only a bound holds.)
    assertThat(messages).isNotEmpty().hasSizeLessThanOrEqualTo(2)
        .noneMatch(m -> m.contains("\"name\":\"c\""));
    assertThat(sandbox.requests().count(RequestQuery.all().verb("watch").namespace(ns)
        .outcome("101"))).isEqualTo(1);
  }

  @Test
  void givenDropAfterDuration_thenAnOpenWatchIsDropped() {
    RawApi.WatchLines watch = new RawApi(sandbox).watch("/api/v1/namespaces/" + ns
        + "/configmaps?watch=true");
    await().atMost(Duration.ofSeconds(10)).until(() -> watchRequests() == 1);

    sandbox.faults().add(FaultSpec.parse("verb=watch,path=/api/v1/namespaces/" + ns
        + "/configmaps,drop=300ms"));

    await().atMost(Duration.ofSeconds(10)).until(() -> watch.ended().isDone());
  }

  @Test
  void givenWatchDelayForOperator_thenItsInformerLagsAndOtherClientsDoNot() {
    write("lagged", "1");
    Duration lag = Duration.ofSeconds(2);
    sandbox.faults().add(FaultSpec.parse("path=/api/v1/namespaces/" + ns + "/configmaps,"
        + "watch-delay=2s,client=operator"));
    Map<String, Long> operatorSaw = new ConcurrentHashMap<>();
    Map<String, Long> otherSaw = new ConcurrentHashMap<>();
    try (KubernetesClient operator = SandboxFixture.client(sandbox, "operator/1.0");
        KubernetesClient other = SandboxFixture.client(sandbox, "dashboard/1.0");
        SharedIndexInformer<ConfigMap> lagging = operator.configMaps().inNamespace(ns)
            .inform(recorder(operatorSaw));
        SharedIndexInformer<ConfigMap> prompt = other.configMaps().inNamespace(ns)
            .inform(recorder(otherSaw))) {
      await().atMost(Duration.ofSeconds(10)).until(() ->
          operatorSaw.containsKey("1") && otherSaw.containsKey("1"));

      write("lagged", "2");
      long written = System.nanoTime();

      await().atMost(Duration.ofSeconds(10)).until(() -> otherSaw.containsKey("2"));
      assertThat(operatorSaw).doesNotContainKey("2");
      await().atMost(Duration.ofSeconds(10)).until(() -> operatorSaw.containsKey("2"));
      assertThat(Duration.ofNanos(operatorSaw.get("2") - written))
          .isGreaterThanOrEqualTo(lag.minusMillis(100));
      assertThat(lagging.getStore().getByKey(ns + "/lagged").getData()).containsEntry("v", "2");
    }
  }

  @Test
  void givenWatchDelay_thenEventsKeepTheirOrder() {
    sandbox.faults().add(FaultSpec.parse("verb=watch,path=/api/v1/namespaces/" + ns
        + "/configmaps,watch-delay=300ms"));
    RawApi.WatchLines watch = new RawApi(sandbox).watch("/api/v1/namespaces/" + ns
        + "/configmaps?watch=true");
    await().atMost(Duration.ofSeconds(10)).until(() -> watchRequests() == 1);

    for (int i = 0; i < 5; i++) {
      write("c", Integer.toString(i));
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> watch.lines().size() == 5);
    List<String> values = watch.lines().stream()
        .map(l -> l.replaceAll(".*\"data\":\\{\"v\":\"(\\d)\"}.*", "$1")).toList();
    assertThat(values).containsExactly("0", "1", "2", "3", "4");
  }

  private static ResourceEventHandler<ConfigMap> recorder(Map<String, Long> seen) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(ConfigMap obj) {
        seen.putIfAbsent(obj.getData().get("v"), System.nanoTime());
      }

      @Override
      public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
        seen.putIfAbsent(newObj.getData().get("v"), System.nanoTime());
      }

      @Override
      public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {}
    };
  }
}
