package dev.converge.sandbox.select;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * FieldLabels knows which field selector labels each kind supports and where their values live,
 * following the upstream registries' field sets (a missing field reads as its Go zero value).
 */
final class FieldLabels {
  /** Where a field label's value is and what it reads as when absent. */
  record Source(String[] path, String zero) {}

  private static final Map<String, Map<String, Source>> BY_KIND = Map.ofEntries(
      Map.entry("/Pod", Map.of(
          "spec.nodeName", src("spec.nodeName", ""),
          "spec.restartPolicy", src("spec.restartPolicy", ""),
          "spec.schedulerName", src("spec.schedulerName", ""),
          "spec.serviceAccountName", src("spec.serviceAccountName", ""),
          "spec.hostNetwork", src("spec.hostNetwork", "false"),
          "status.phase", src("status.phase", ""),
          "status.podIP", src("status.podIP", ""),
          "status.nominatedNodeName", src("status.nominatedNodeName", ""))),
      Map.entry("/Event", eventLabels()),
      Map.entry("events.k8s.io/Event", eventLabels()),
      Map.entry("/Secret", Map.of("type", src("type", ""))),
      Map.entry("/Namespace", Map.of("status.phase", src("status.phase", ""))),
      Map.entry("/Node", Map.of("spec.unschedulable", src("spec.unschedulable", "false"))),
      Map.entry("/ReplicationController", Map.of("status.replicas", src("status.replicas", "0"))),
      Map.entry("apps/ReplicaSet", Map.of("status.replicas", src("status.replicas", "0"))),
      Map.entry("batch/Job", Map.of("status.successful", src("status.succeeded", "0"))));

  private FieldLabels() {}

  private static Map<String, Source> eventLabels() {
    return Map.ofEntries(
        Map.entry("involvedObject.kind", src("involvedObject.kind", "")),
        Map.entry("involvedObject.namespace", src("involvedObject.namespace", "")),
        Map.entry("involvedObject.name", src("involvedObject.name", "")),
        Map.entry("involvedObject.uid", src("involvedObject.uid", "")),
        Map.entry("involvedObject.apiVersion", src("involvedObject.apiVersion", "")),
        Map.entry("involvedObject.resourceVersion", src("involvedObject.resourceVersion", "")),
        Map.entry("involvedObject.fieldPath", src("involvedObject.fieldPath", "")),
        Map.entry("reason", src("reason", "")),
        Map.entry("reportingComponent", src("reportingComponent", "")),
        Map.entry("source", src("source.component", "")),
        Map.entry("type", src("type", "")));
  }

  private static Source src(String dotted, String zero) {
    return new Source(dotted.split("\\."), zero);
  }

  /** The source of a label for a kind, or null when the kind does not support it. */
  static Source lookup(String group, String kind, String label) {
    if (label.equals("metadata.name") || label.equals("metadata.namespace")) {
      return src(label, "");
    }
    Map<String, Source> labels = BY_KIND.get(group + "/" + kind);
    return labels == null ? null : labels.get(label);
  }

  static String valueOf(JsonNode object, Source source) {
    JsonNode cur = object;
    for (String p : source.path()) {
      cur = cur == null ? null : cur.get(p);
    }
    return cur == null || cur.isNull() ? source.zero() : cur.asText();
  }
}
