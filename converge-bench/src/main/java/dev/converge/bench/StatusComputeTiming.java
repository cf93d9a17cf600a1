package dev.converge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.core.status.Readiness;
import dev.converge.core.status.ReadinessModel;
import dev.converge.core.status.Related;
import dev.converge.core.status.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * StatusComputeTiming times {@link ReadinessModel#compute} for a Deployment with 1,000 pods, after
 * a warm-up long enough for the JIT, one call per sample. Two shapes: a rollout one pod short of
 * available (every pod is scanned for failures, the worst case) and a finished one.
 */
final class StatusComputeTiming {
  /** Enough calls for C2 to compile the readers and Jackson's tree walk. */
  static final int WARMUP = 20_000;

  static final int SAMPLES = 5_000;

  static final int PODS = 1_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

  /** Per-call times in microseconds for the scanning shape and the finished shape. */
  record Result(Percentiles scanning, Percentiles finished) {}

  private StatusComputeTiming() {}

  static Result measure() {
    List<JsonNode> pods = new ArrayList<>();
    for (int i = 0; i < PODS; i++) {
      pods.add(pod("web-2-" + i));
    }
    List<JsonNode> events = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      events.add(warning("web-2-" + i));
    }
    Related related = Related.builder().replicaSets(List.of(replicaSet())).pods(pods)
        .events(events).build();
    JsonNode rolling = deployment(PODS - 1);
    JsonNode done = deployment(PODS);
    check(rolling, related, Status.IN_PROGRESS);
    check(done, related, Status.CURRENT);
    return new Result(time(rolling, related), time(done, related));
  }

  private static void check(JsonNode d, Related related, Status expected) {
    Readiness r = ReadinessModel.compute(d, related, NOW);
    if (r.status() != expected) {
      throw new IllegalStateException("fixture computed " + r.oneLine() + ", expected " + expected);
    }
  }

  private static Percentiles time(JsonNode d, Related related) {
    long sink = 0;
    for (int i = 0; i < WARMUP; i++) {
      sink += ReadinessModel.compute(d, related, NOW).message().length();
    }
    double[] micros = new double[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      long t0 = System.nanoTime();
      sink += ReadinessModel.compute(d, related, NOW).message().length();
      micros[i] = (System.nanoTime() - t0) / 1_000.0;
    }
    if (sink == 42) {
      System.out.println(); // Keeps the results alive so the JIT cannot drop the calls.
    }
    return Percentiles.of(micros);
  }

  private static JsonNode deployment(int available) {
    ObjectNode d = JSON.createObjectNode().put("apiVersion", "apps/v1").put("kind", "Deployment");
    ObjectNode meta = d.putObject("metadata").put("name", "web").put("namespace", "bench")
        .put("uid", "d1").put("generation", 2);
    meta.putObject("annotations").put("deployment.kubernetes.io/revision", "2");
    d.putObject("spec").put("replicas", PODS);
    d.putObject("status").put("observedGeneration", 2).put("replicas", PODS)
        .put("updatedReplicas", PODS).put("readyReplicas", available)
        .put("availableReplicas", available);
    return d;
  }

  private static JsonNode replicaSet() {
    ObjectNode rs = JSON.createObjectNode().put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
    ObjectNode meta = rs.putObject("metadata").put("name", "web-2").put("uid", "rs2");
    meta.putObject("annotations").put("deployment.kubernetes.io/revision", "2");
    meta.putArray("ownerReferences").addObject().put("kind", "Deployment").put("name", "web")
        .put("uid", "d1");
    return rs;
  }

  private static JsonNode pod(String name) {
    ObjectNode p = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = p.putObject("metadata").put("name", name).put("uid", "u-" + name)
        .put("creationTimestamp", "2026-01-01T00:00:00Z");
    meta.putArray("ownerReferences").addObject().put("kind", "ReplicaSet").put("name", "web-2")
        .put("uid", "rs2");
    ObjectNode status = p.putObject("status").put("phase", "Running")
        .put("startTime", "2026-01-01T00:00:00Z");
    ArrayNode cs = status.putArray("containerStatuses");
    ObjectNode c = cs.addObject().put("name", "app").put("image", "registry.example/app:v2")
        .put("ready", true).put("restartCount", 0);
    c.putObject("state").putObject("running").put("startedAt", "2026-01-01T00:00:01Z");
    return p;
  }

  private static JsonNode warning(String podName) {
    ObjectNode e = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Event")
        .put("type", "Warning").put("reason", "Unhealthy").put("message", "probe failed")
        .put("count", 2).put("lastTimestamp", "2026-01-01T00:05:00Z");
    e.putObject("involvedObject").put("kind", "Pod").put("name", podName);
    return e;
  }
}
