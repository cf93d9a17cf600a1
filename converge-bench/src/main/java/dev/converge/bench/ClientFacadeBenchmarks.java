package dev.converge.bench;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.client.Kind;
import dev.converge.core.client.internal.Calls;
import dev.converge.core.client.internal.DiscoveryCache;
import dev.converge.core.client.internal.Scope;
import dev.converge.core.client.internal.Scopes;
import dev.converge.core.retry.CallKind;
import dev.converge.core.retry.Retrier;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import dev.converge.sandbox.faults.RequestQuery;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ClientFacadeBenchmarks measures what the Converge client adds over raw fabric8 calls on the
 * sandbox with no faults (issue 4): mean latency of a live get and of a server-side apply through
 * each path, measured in alternation on the same client and connection pool, and API requests per
 * successful apply counted by the sandbox. Writes the "client" section of docs/BENCHMARKS.md.
 *
 * <p>Usage: {@code java -cp ... dev.converge.bench.ClientFacadeBenchmarks [repetitions] [file]}
 * (defaults 7 and docs/BENCHMARKS.md).
 */
public final class ClientFacadeBenchmarks {
  static final int GETS = 1_000;
  static final int APPLIES = 500;
  static final int COUNTED_APPLIES = 200;
  static final int WARMUP_ROUNDS = 2;
  static final int BOOKKEEPING_CALLS = 200_000;
  static final String NAMESPACE = "default";
  /** Issue 4: the facade may add at most 5 % latency over raw fabric8. */
  static final double MAX_OVERHEAD_PERCENT = 5.0;

  private ClientFacadeBenchmarks() {}

  public static void main(String[] args) throws Exception {
    int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path out = Path.of(args.length > 1 ? args[1] : "docs/BENCHMARKS.md");
    Map<String, List<Double>> samples = new LinkedHashMap<>();
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(false));
        KubernetesClient raw = new KubernetesClientBuilder()
            .withConfig(ConvergeClient.withoutRetry(sandbox.clientConfig())).build();
        ConvergeClient ops = ConvergeClient.wrap(raw, ClientOptions.DEFAULTS)) {
      raw.resource(configMap("bench-get", 0)).create();
      for (int w = 0; w < WARMUP_ROUNDS; w++) {
        round(raw, ops, sandbox, new LinkedHashMap<>(), w % 2 == 1);
      }
      for (int r = 0; r < repetitions; r++) {
        round(raw, ops, sandbox, samples, r % 2 == 1);
        System.err.printf("repetition %d/%d done%n", r + 1, repetitions);
      }
    }
    String report = render(samples, repetitions);
    System.out.println(report);
    BenchmarkReport.writeSection(out, "client", report);
  }

  /**
   * One repetition: gets, then applies. Raw and facade calls alternate call by call (which goes
   * first flips each time), so both paths see the same load from the rest of the machine.
   */
  private static void round(KubernetesClient raw, ConvergeClient ops, Sandbox sandbox,
      Map<String, List<Double>> samples, boolean facadeFirst) {
    Kind<ConfigMap> kind = Kind.of(ConfigMap.class);
    double[] gets = interleaved(GETS, facadeFirst,
        i -> raw.configMaps().inNamespace(NAMESPACE).withName("bench-get").get(),
        i -> ops.get(kind, NAMESPACE, "bench-get"));
    double[] applies = interleaved(APPLIES, facadeFirst,
        i -> raw.resource(configMap("bench-raw-" + (i % 50), i)).fieldManager("converge")
            .serverSideApply(),
        i -> ops.apply(configMap("bench-ops-" + (i % 50), i)));
    sandbox.requests().reset();
    for (int i = 0; i < COUNTED_APPLIES; i++) {
      ops.apply(configMap("bench-count-" + (i % 50), i));
    }
    long facadeRequests = sandbox.requests().count(RequestQuery.all());
    add(samples, "rawGetUs", gets[0]);
    add(samples, "facadeGetUs", gets[1]);
    add(samples, "getOverheadPct", (gets[1] - gets[0]) / gets[0] * 100);
    add(samples, "rawApplyUs", applies[0]);
    add(samples, "facadeApplyUs", applies[1]);
    add(samples, "applyOverheadPct", (applies[1] - applies[0]) / applies[0] * 100);
    add(samples, "requestsPerApply", (double) facadeRequests / COUNTED_APPLIES);
    add(samples, "bookkeepingUs", bookkeepingUs(raw, ops));
  }

  /**
   * What the facade does around the fabric8 call, without I/O: kind and scope resolution, the call
   * description and a pass through the Retrier, minus the equivalent raw DSL navigation. Far less
   * noisy than the end-to-end difference on a shared machine.
   */
  private static double bookkeepingUs(KubernetesClient raw, ConvergeClient ops) {
    Retrier retrier = ops.options().retrier();
    DiscoveryCache discovery = new DiscoveryCache(raw, retrier);
    Scopes scopes = new Scopes(raw, discovery);
    Calls calls = new Calls(retrier, discovery);
    Kind<ConfigMap> kind = Kind.of(ConfigMap.class);
    Call facade = i -> {
      Scope<ConfigMap> scope = scopes.of(kind, NAMESPACE);
      calls.run(scope, scope.call("get", "bench-get"), CallKind.READ, () -> scope.named("bench-get"));
    };
    Call plain = i -> raw.configMaps().inNamespace(NAMESPACE).withName("bench-get");
    double[] us = interleaved(BOOKKEEPING_CALLS, false, plain, facade);
    return us[1] - us[0];
  }

  private interface Call {
    void run(int i);
  }

  /** Mean µs per call of {@code raw} and of {@code facade}, called alternately {@code n} times each. */
  private static double[] interleaved(int n, boolean facadeFirst, Call raw, Call facade) {
    long rawNanos = 0;
    long facadeNanos = 0;
    for (int i = 0; i < n; i++) {
      boolean facadeNow = facadeFirst ^ (i % 2 == 1);
      for (int k = 0; k < 2; k++) {
        long start = System.nanoTime();
        if (facadeNow) {
          facade.run(i);
          facadeNanos += System.nanoTime() - start;
        } else {
          raw.run(i);
          rawNanos += System.nanoTime() - start;
        }
        facadeNow = !facadeNow;
      }
    }
    return new double[] {rawNanos / 1_000.0 / n, facadeNanos / 1_000.0 / n};
  }

  private static void add(Map<String, List<Double>> samples, String metric, double value) {
    samples.computeIfAbsent(metric, k -> new ArrayList<>()).add(value);
  }

  private static ConfigMap configMap(String name, int value) {
    return new ConfigMapBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(name)
        .endMetadata().addToData("v", Integer.toString(value)).build();
  }

  static String render(Map<String, List<Double>> s, int repetitions) {
    StringBuilder md = new StringBuilder("## Client facade over fabric8\n\n");
    md.append("Measured ").append(SandboxBenchmarks.today()).append(" on ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
        .append(System.getProperty("java.version")).append(", load average ").append(loadAverage())
        .append(" at the end (a shared machine: per-repetition ranges are wide); ").append(repetitions)
        .append(" repetitions; raw fabric8 and the facade alternate call by call (who goes first ")
        .append("flips each call) on one client and connection pool; sandbox without faults or ")
        .append("controllers, loopback HTTPS. Each sample is the mean of ").append(GETS)
        .append(" live gets or ").append(APPLIES).append(" server-side applies of a ConfigMap ")
        .append("per path.\nCommand: `java -cp \"converge-bench/target/classes:$(cat cp.txt)\" ")
        .append("dev.converge.bench.ClientFacadeBenchmarks ").append(repetitions)
        .append(" docs/BENCHMARKS.md` (classpath as in `bench/run.sh`).\n\n");
    md.append("| metric | median (min–max) | target | met |\n|---|---|---|---|\n");
    row(md, "get, raw fabric8 (µs)", s.get("rawGetUs"), null, "");
    row(md, "get, facade (µs)", s.get("facadeGetUs"), null, "");
    row(md, "get, facade overhead (%)", s.get("getOverheadPct"), MAX_OVERHEAD_PERCENT, "≤ 5 %");
    row(md, "server-side apply, raw fabric8 (µs)", s.get("rawApplyUs"), null, "");
    row(md, "server-side apply, facade (µs)", s.get("facadeApplyUs"), null, "");
    row(md, "server-side apply, facade overhead (%)", s.get("applyOverheadPct"),
        MAX_OVERHEAD_PERCENT, "≤ 5 %");
    row(md, "facade bookkeeping per call, no I/O (µs)", s.get("bookkeepingUs"), null, "");
    row(md, "API requests per successful apply (all verbs)", s.get("requestsPerApply"), 1.0, "1.0");
    md.append("\nOverhead is (facade − raw) / raw per repetition; negative values are noise. ")
        .append("Requests per apply: every request the sandbox received (any verb: discovery, ")
        .append("reads and retries included) while the facade alone applied ")
        .append(COUNTED_APPLIES).append(" ConfigMaps, divided by ").append(COUNTED_APPLIES)
        .append(". Bookkeeping: kind and scope resolution, call description and a pass through ")
        .append("the Retrier, minus the raw DSL navigation, timed over ").append(BOOKKEEPING_CALLS)
        .append(" calls without I/O; on a loaded machine it is the steadier measure of what the ")
        .append("facade adds (divide by the raw get latency for a percentage).\n");
    return md.toString();
  }

  private static void row(StringBuilder md, String label, List<Double> v, Double target,
      String targetText) {
    double median = BenchmarkReport.median(v);
    double min = v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    String met = target == null ? "" : median <= target + 1e-9 ? "met" : "NOT met";
    md.append("| ").append(label).append(" | ").append(fmt(median)).append(" (").append(fmt(min))
        .append("–").append(fmt(max)).append(") | ").append(targetText).append(" | ").append(met)
        .append(" |\n");
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : "%.2f", d);
  }
}
