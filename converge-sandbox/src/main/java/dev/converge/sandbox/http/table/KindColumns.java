package dev.converge.sandbox.http.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * KindColumns lists, per built-in kind, the columns between NAME and AGE that {@code kubectl get}
 * shows for it (priority 1 columns only with {@code -o wide}).
 */
final class KindColumns {
  private static final String NONE = "<none>";

  private KindColumns() {}

  /** Columns for a kind of the given group; empty for kinds printed with NAME and AGE only. */
  static List<Column> of(String group, String kind) {
    String key = group.isEmpty() ? kind : kind + "." + group;
    return switch (key) {
      case "Pod" -> List.of(
          text("Ready", o -> podReady(o)),
          text("Status", o -> or(Json.textAt(o, "status", "reason"),
              or(Json.textAt(o, "status", "phase"), "Pending"))),
          integer("Restarts", o -> sum(o.path("status").path("containerStatuses"),
              "restartCount")),
          wide("IP", o -> or(Json.textAt(o, "status", "podIP"), NONE)),
          wide("Node", o -> or(Json.textAt(o, "spec", "nodeName"), NONE)),
          wide("Nominated Node", o -> or(Json.textAt(o, "status", "nominatedNodeName"), NONE)),
          wide("Readiness Gates", o -> NONE));
      case "Namespace" -> List.of(
          text("Status", o -> or(Json.textAt(o, "status", "phase"), "Active")));
      case "ConfigMap" -> List.of(
          integer("Data", o -> o.path("data").size() + o.path("binaryData").size()));
      case "Secret" -> List.of(
          text("Type", o -> or(Json.textAt(o, "type"), "Opaque")),
          integer("Data", o -> o.path("data").size()));
      case "ServiceAccount" -> List.of(
          integer("Secrets", o -> o.path("secrets").size()));
      case "Service" -> List.of(
          text("Type", o -> or(Json.textAt(o, "spec", "type"), "ClusterIP")),
          text("Cluster-IP", o -> or(Json.textAt(o, "spec", "clusterIP"), NONE)),
          text("External-IP", KindColumns::externalIps),
          text("Port(s)", KindColumns::ports),
          wide("Selector", o -> labels(o.path("spec").path("selector"))));
      case "Node" -> List.of(
          text("Status", o -> conditionStatus(o, "Ready", "Ready", "NotReady")),
          text("Roles", o -> NONE),
          text("Version", o -> or(Json.textAt(o, "status", "nodeInfo", "kubeletVersion"), "")));
      case "PersistentVolumeClaim" -> List.of(
          text("Status", o -> or(Json.textAt(o, "status", "phase"), "Pending")),
          text("Volume", o -> or(Json.textAt(o, "spec", "volumeName"), "")));
      case "Deployment.apps" -> withWorkloadWide(List.of(
          text("Ready", o -> ratio(o, "readyReplicas")),
          integer("Up-to-date", o -> o.path("status").path("updatedReplicas").asInt()),
          integer("Available", o -> o.path("status").path("availableReplicas").asInt())));
      case "ReplicaSet.apps" -> withWorkloadWide(List.of(
          integer("Desired", o -> o.path("spec").path("replicas").asInt(1)),
          integer("Current", o -> o.path("status").path("replicas").asInt()),
          integer("Ready", o -> o.path("status").path("readyReplicas").asInt())));
      case "StatefulSet.apps" -> withWorkloadWide(List.of(
          text("Ready", o -> ratio(o, "readyReplicas"))));
      case "DaemonSet.apps" -> List.of(
          integer("Desired", o -> o.path("status").path("desiredNumberScheduled").asInt()),
          integer("Current", o -> o.path("status").path("currentNumberScheduled").asInt()),
          integer("Ready", o -> o.path("status").path("numberReady").asInt()),
          integer("Up-to-date", o -> o.path("status").path("updatedNumberScheduled").asInt()),
          integer("Available", o -> o.path("status").path("numberAvailable").asInt()),
          text("Node Selector", o -> labels(o.path("spec").path("template").path("spec")
              .path("nodeSelector"))));
      case "Job.batch" -> List.of(
          text("Status", o -> conditionStatus(o, "Complete", "Complete",
              conditionStatus(o, "Failed", "Failed", "Running"))),
          text("Completions", o -> o.path("status").path("succeeded").asInt() + "/"
              + o.path("spec").path("completions").asInt(1)));
      case "CronJob.batch" -> List.of(
          text("Schedule", o -> or(Json.textAt(o, "spec", "schedule"), "")),
          text("Suspend", o -> Boolean.toString(o.path("spec").path("suspend").asBoolean())),
          integer("Active", o -> o.path("status").path("active").size()));
      default -> List.of();
    };
  }

  private static List<Column> withWorkloadWide(List<Column> base) {
    List<Column> out = new ArrayList<>(base);
    out.add(wide("Containers", o -> containers(o, "name")));
    out.add(wide("Images", o -> containers(o, "image")));
    out.add(wide("Selector", o -> labels(o.path("spec").path("selector").path("matchLabels"))));
    return out;
  }

  private static Column text(String name, Function<ObjectNode, String> f) {
    return new Column(name, "string", 0, o -> Json.NODES.textNode(f.apply(o)));
  }

  private static Column wide(String name, Function<ObjectNode, String> f) {
    return new Column(name, "string", 1, o -> Json.NODES.textNode(f.apply(o)));
  }

  private static Column integer(String name, Function<ObjectNode, Integer> f) {
    return new Column(name, "integer", 0, o -> Json.NODES.numberNode(f.apply(o)));
  }

  private static String or(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static String ratio(ObjectNode o, String readyField) {
    return o.path("status").path(readyField).asInt() + "/" + o.path("spec").path("replicas")
        .asInt(1);
  }

  private static String podReady(ObjectNode o) {
    JsonNode statuses = o.path("status").path("containerStatuses");
    int ready = 0;
    for (JsonNode s : statuses) {
      ready += s.path("ready").asBoolean() ? 1 : 0;
    }
    return ready + "/" + o.path("spec").path("containers").size();
  }

  private static int sum(JsonNode array, String field) {
    int total = 0;
    for (JsonNode n : array) {
      total += n.path(field).asInt();
    }
    return total;
  }

  private static String conditionStatus(ObjectNode o, String type, String ifTrue,
      String otherwise) {
    for (JsonNode c : o.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
        return ifTrue;
      }
    }
    return otherwise;
  }

  private static String containers(ObjectNode o, String field) {
    StringJoiner joiner = new StringJoiner(",");
    for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
      joiner.add(c.path(field).asText());
    }
    return joiner.toString();
  }

  private static String labels(JsonNode map) {
    if (!map.isObject() || map.isEmpty()) {
      return NONE;
    }
    StringJoiner joiner = new StringJoiner(",");
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      joiner.add(e.getKey() + "=" + e.getValue().asText());
    }
    return joiner.toString();
  }

  private static String externalIps(ObjectNode o) {
    StringJoiner joiner = new StringJoiner(",");
    for (JsonNode ip : o.path("spec").path("externalIPs")) {
      joiner.add(ip.asText());
    }
    for (JsonNode ingress : o.path("status").path("loadBalancer").path("ingress")) {
      joiner.add(or(ingress.path("ip").asText(""), ingress.path("hostname").asText("")));
    }
    if (joiner.length() > 0) {
      return joiner.toString();
    }
    return "LoadBalancer".equals(Json.textAt(o, "spec", "type")) ? "<pending>" : NONE;
  }

  private static String ports(ObjectNode o) {
    StringJoiner joiner = new StringJoiner(",");
    for (JsonNode p : o.path("spec").path("ports")) {
      String nodePort = p.hasNonNull("nodePort") ? ":" + p.get("nodePort").asText() : "";
      joiner.add(p.path("port").asText() + nodePort + "/" + p.path("protocol").asText("TCP"));
    }
    return joiner.length() == 0 ? NONE : joiner.toString();
  }
}
