package dev.converge.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * PodSpecDefaults fills the defaults the API server gives every pod spec, whether in a Pod or in
 * a workload's template, so objects read back look like a real cluster's.
 */
final class PodSpecDefaults {
  static final int TERMINATION_GRACE_PERIOD_SECONDS = 30;

  private PodSpecDefaults() {}

  /** Defaults {@code template.spec} of a pod template, if the template is present. */
  static void applyToTemplate(JsonNode template) {
    if (template instanceof ObjectNode t && t.get("spec") instanceof ObjectNode spec) {
      apply(spec);
    }
  }

  static void apply(ObjectNode spec) {
    Defaults.text(spec, "restartPolicy", "Always");
    Defaults.number(spec, "terminationGracePeriodSeconds", TERMINATION_GRACE_PERIOD_SECONDS);
    Defaults.text(spec, "dnsPolicy", "ClusterFirst");
    Defaults.object(spec, "securityContext");
    Defaults.text(spec, "schedulerName", "default-scheduler");
    for (String list : new String[] {"initContainers", "containers"}) {
      JsonNode containers = spec.get(list);
      if (containers != null && containers.isArray()) {
        for (JsonNode c : containers) {
          if (c instanceof ObjectNode container) {
            container(container);
          }
        }
      }
    }
  }

  private static void container(ObjectNode c) {
    Defaults.text(c, "terminationMessagePath", "/dev/termination-log");
    Defaults.text(c, "terminationMessagePolicy", "File");
    Defaults.text(c, "imagePullPolicy", pullPolicy(c.path("image").asText("")));
    Defaults.object(c, "resources");
    JsonNode ports = c.get("ports");
    if (ports != null && ports.isArray()) {
      for (JsonNode p : ports) {
        if (p instanceof ObjectNode port) {
          Defaults.text(port, "protocol", "TCP");
        }
      }
    }
  }

  /** Always for {@code :latest} or an untagged image, IfNotPresent otherwise (digests too). */
  static String pullPolicy(String image) {
    if (image.contains("@")) {
      return "IfNotPresent";
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon <= slash) {
      return "Always";
    }
    return image.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
  }
}
