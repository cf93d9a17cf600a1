package dev.converge.bench.engine;

import dev.converge.bench.Widgets;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * KptReadyObserver is kpt's way of waiting for widgets: kpt has no wait of its own outside
 * {@code live apply}, so the widgets (sentinel included) are written into a package, {@code kpt
 * live init}, and {@code kpt live apply --inventory-policy=adopt --reconcile-timeout --output=events}
 * takes them over and waits (cli-utils' kstatus watcher: watch events, not the 2 s poll its
 * {@code --poll-period} help still describes); each
 * {@code <id> reconcile successful} line is one report.
 *
 * <p>kstatus reads a custom resource without conditions as Current, so before kpt starts every
 * widget gets {@code Reconciling=True} through /status (kstatus's "abnormal-true" convention,
 * what a controller that follows it writes while it works; unmeasured). {@code Ready=True}, as the
 * scenario writes it, replaces that status, so kstatus then reads Current. Once kpt's apply phase
 * has finished, the harness refreshes the widgets' resourceVersions (kpt's patch changed them) and
 * marks the sentinel; its line opens {@link ReadyObservers.Observer#watching()}.
 */
final class KptReadyObserver {
  /** kpt's events printer: "widget.bench.converge.dev/w-12 reconcile successful". */
  static final String RECONCILED = " reconcile successful";
  /** Printed once every object is applied, before the wait task (events printer). */
  static final String APPLY_FINISHED = "apply phase finished";

  private KptReadyObserver() {}

  static ReadyObservers.Observer start(EngineRun run, String ns, List<GenericKubernetesResource> order,
      GenericKubernetesResource sentinel, IntConsumer reported) throws Exception {
    List<GenericKubernetesResource> all = new ArrayList<>(order);
    all.add(sentinel);
    for (GenericKubernetesResource w : all) {
      reconciling(run.admin, w);
    }
    Path pkg = writePackage(run.root.resolve("kpt-ready").resolve(ns), all);
    Path kubeconfig = run.root.resolve("kubeconfig");
    new Command(kubeconfig, run.root.resolve("kpt-ready.log")).run(run.timeout, "kpt", "live", "init",
        pkg.toString(), "--namespace", ns, "--inventory-id", "bench-" + ns);
    ProcessBuilder pb = new ProcessBuilder("kpt", "live", "apply", pkg.toString(), "--inventory-policy=adopt",
        "--output=events", "--reconcile-timeout=" + run.timeout.toSeconds() + "s").redirectErrorStream(true);
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    Process p = pb.start();
    CountDownLatch watching = new CountDownLatch(1);
    Thread reader = new Thread(() -> read(p, run, ns, all, sentinel, watching, reported), "kpt-apply-reader");
    reader.setDaemon(true);
    reader.start();
    return new ReadyObservers.Observer(() -> {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }, watching);
  }

  private static void read(Process p, EngineRun run, String ns, List<GenericKubernetesResource> all,
      GenericKubernetesResource sentinel, CountDownLatch watching, IntConsumer reported) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        String name = line.contains("/") && line.endsWith(RECONCILED)
            ? line.substring(line.indexOf('/') + 1, line.length() - RECONCILED.length()) : "";
        if (name.equals(ReadyObservers.SENTINEL)) {
          watching.countDown();
        } else if (name.startsWith("w-")) {
          reported.accept(Widgets.index(name));
        } else if (line.equals(APPLY_FINISHED)) {
          refreshVersions(run.admin, ns, all);
          Widgets.markReady(run.admin, sentinel);
        } else if (!line.contains(" apply successful") && !line.contains(" reconcile pending")) {
          System.err.println("kpt live apply: " + line);
        }
      }
    } catch (Exception e) {
      System.err.println("kpt live apply output: " + e);
    }
  }

  /** Status the way kstatus reads "still working": a controller would write it on first sight. */
  private static void reconciling(KubernetesClient admin, GenericKubernetesResource w) {
    w.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of(
        "type", "Reconciling", "status", "True", "reason", "Provisioning", "message", "provisioning"))));
    GenericKubernetesResource written = admin.genericKubernetesResources(Widgets.CONTEXT)
        .inNamespace(w.getMetadata().getNamespace()).resource(w).updateStatus();
    w.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
  }

  /** kpt's apply patched every widget; the scenario's status writes carry their resourceVersion. */
  private static void refreshVersions(KubernetesClient admin, String ns, List<GenericKubernetesResource> all) {
    Map<String, String> live = admin.genericKubernetesResources(Widgets.CONTEXT).inNamespace(ns).list().getItems()
        .stream().collect(Collectors.toMap(w -> w.getMetadata().getName(), w -> w.getMetadata().getResourceVersion()));
    all.forEach(w -> w.getMetadata().setResourceVersion(live.get(w.getMetadata().getName())));
  }

  /** The widgets as kpt's package: their spec, no status, no server fields. */
  private static Path writePackage(Path dir, List<GenericKubernetesResource> widgets) throws Exception {
    Files.createDirectories(dir);
    try (Writer out = Files.newBufferedWriter(dir.resolve("widgets.yaml"))) {
      for (GenericKubernetesResource w : widgets) {
        Object spec = w.getAdditionalProperties().get("spec");
        out.write("---\napiVersion: " + w.getApiVersion() + "\nkind: " + w.getKind() + "\nmetadata:\n  name: "
            + w.getMetadata().getName() + "\n  namespace: " + w.getMetadata().getNamespace() + "\n"
            + (spec instanceof Map<?, ?> m && m.get("size") != null ? "spec:\n  size: " + m.get("size") + "\n" : ""));
      }
    }
    return dir;
  }
}
