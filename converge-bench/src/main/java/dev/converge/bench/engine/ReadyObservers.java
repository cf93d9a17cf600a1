package dev.converge.bench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.bench.NaivePollingWaiter;
import dev.converge.bench.Widgets;
import dev.converge.core.status.Status;
import dev.converge.core.status.wait.InformerWatchSource;
import dev.converge.core.status.wait.ReadinessWaiter;
import dev.converge.core.status.wait.WaitHandle;
import dev.converge.core.status.wait.WaitOptions;
import dev.converge.core.status.wait.WaitTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * ReadyObservers starts, per tool, the way that tool notices widgets turning ready: Converge's
 * watch-driven {@link ReadinessWaiter}; the 2 s poller; {@code kubectl wait --for=condition=Ready}
 * (one process, objects one after another, a line per object); a fabric8 program calling
 * {@code waitUntilCondition} per object in turn (fabric8's {@code waitUntilReady} does not know a
 * custom resource's conditions); kpt's {@code live apply} wait on a package of the widgets
 * ({@link KptReadyObserver}).
 *
 * <p>Sequential waiters (kubectl, fabric8) and kpt first wait for a sentinel widget that sorts before the
 * others, so that marking starts only once they are watching; {@link Observer#watching()} opens then.
 */
final class ReadyObservers {
  /** Sorts before {@code w-0}: the sandbox lists by name, kubectl waits in list order. */
  static final String SENTINEL = "a-start";

  private ReadyObservers() {}

  /** A running observer; {@code watching} opens once it is ready to notice changes. */
  record Observer(AutoCloseable stop, CountDownLatch watching) {}

  static Optional<Observer> start(String tool, EngineRun run, String ns, List<GenericKubernetesResource> order,
      JsonNode crd, IntConsumer reported) throws Exception {
    return switch (tool) {
      case "converge" -> Optional.of(converge(run, order, reported));
      case "poll-2s" -> Optional.of(polling(run, ns, crd, reported));
      case "kubectl" -> Optional.of(kubectl(run, ns, reported));
      case "fabric8" -> Optional.of(fabric8(run, ns, order, reported));
      case "kpt" -> Optional.of(KptReadyObserver.start(run, ns, order, sentinel(run.admin, ns), reported));
      default -> Optional.empty();
    };
  }

  private static Observer converge(EngineRun run, List<GenericKubernetesResource> order, IntConsumer reported) {
    KubernetesClient client = new KubernetesClientBuilder().withConfig(run.sandbox.clientConfig()).build();
    InformerWatchSource source = new InformerWatchSource(client);
    ReadinessWaiter waiter = new ReadinessWaiter(source, WaitOptions.DEFAULTS.withTimeout(run.timeout));
    // watching once every object's first status arrived: the informers have synced
    Set<String> seen = ConcurrentHashMap.newKeySet();
    CountDownLatch watching = new CountDownLatch(order.size());
    WaitHandle handle = waiter.start(order.stream().map(WaitTarget::of).toList(), e -> {
      if (seen.add(e.ref().name())) {
        watching.countDown();
      }
      if (e.readiness().status() == Status.CURRENT) {
        reported.accept(Widgets.index(e.ref().name()));
      }
    });
    return new Observer(() -> {
      handle.cancel();
      waiter.close();
      source.close();
      client.close();
    }, watching);
  }

  private static Observer polling(EngineRun run, String ns, JsonNode crd, IntConsumer reported) {
    KubernetesClient client = new KubernetesClientBuilder().withConfig(run.sandbox.clientConfig()).build();
    NaivePollingWaiter poller = new NaivePollingWaiter(client, ns, crd, reported);
    return new Observer(() -> {
      poller.close();
      client.close();
    }, new CountDownLatch(0));
  }

  private static Observer kubectl(EngineRun run, String ns, IntConsumer reported) throws Exception {
    GenericKubernetesResource sentinel = sentinel(run.admin, ns);
    ProcessBuilder pb = new ProcessBuilder("kubectl", "wait", "--for=condition=Ready",
        "widgets." + Widgets.CONTEXT.getGroup(), "--all", "-n", ns, "--timeout=" + run.timeout.toSeconds() + "s")
        .redirectErrorStream(true);
    pb.environment().put("KUBECONFIG", run.root.resolve("kubeconfig").toString());
    Process p = pb.start();
    CountDownLatch watching = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          // "widget.bench.converge.dev/w-12 condition met"
          String name = line.contains("/") && line.endsWith("condition met")
              ? line.substring(line.indexOf('/') + 1, line.indexOf(' ')) : "";
          if (name.equals(SENTINEL)) {
            watching.countDown();
          } else if (name.startsWith("w-")) {
            reported.accept(Widgets.index(name));
          } else {
            System.err.println("kubectl wait: " + line);
          }
        }
      } catch (Exception e) {
        System.err.println("kubectl wait output: " + e);
      }
    }, "kubectl-wait-reader");
    reader.setDaemon(true);
    reader.start();
    Widgets.markReady(run.admin, sentinel);
    return new Observer(() -> {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }, watching);
  }

  private static Observer fabric8(EngineRun run, String ns, List<GenericKubernetesResource> order,
      IntConsumer reported) {
    GenericKubernetesResource sentinel = sentinel(run.admin, ns);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(run.sandbox.clientConfig()).build();
    CountDownLatch watching = new CountDownLatch(1);
    Predicate<GenericKubernetesResource> ready = ReadyObservers::ready;
    Thread waiter = new Thread(() -> {
      try {
        waitFor(client, ns, SENTINEL, ready, run);
        watching.countDown();
        for (GenericKubernetesResource w : order) {
          waitFor(client, ns, w.getMetadata().getName(), ready, run);
          reported.accept(Widgets.index(w.getMetadata().getName()));
        }
      } catch (RuntimeException e) {
        System.err.println("fabric8 waitUntilCondition: " + e);
      }
    }, "fabric8-wait");
    waiter.setDaemon(true);
    waiter.start();
    Widgets.markReady(run.admin, sentinel);
    return new Observer(() -> {
      waiter.interrupt();
      client.close();
    }, watching);
  }

  private static void waitFor(KubernetesClient client, String ns, String name,
      Predicate<GenericKubernetesResource> ready, EngineRun run) {
    client.genericKubernetesResources(Widgets.CONTEXT).inNamespace(ns).withName(name)
        .waitUntilCondition(ready, run.timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static boolean ready(GenericKubernetesResource w) {
    if (w == null || !(w.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) {
      return false;
    }
    return status.get("conditions") instanceof List<?> conditions && conditions.stream()
        .anyMatch(c -> c instanceof Map<?, ?> m && "Ready".equals(m.get("type")) && "True".equals(m.get("status")));
  }

  private static GenericKubernetesResource sentinel(KubernetesClient admin, String ns) {
    return admin.genericKubernetesResources(Widgets.CONTEXT).inNamespace(ns).resource(
        new GenericKubernetesResourceBuilder().withApiVersion(Widgets.CONTEXT.getGroup() + "/v1")
            .withKind(Widgets.CONTEXT.getKind()).withNewMetadata().withName(SENTINEL).withNamespace(ns)
            .endMetadata().build()).create();
  }
}
