package dev.converge.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ServiceDefaults fills a Service's defaults and allocations: type, session affinity, port
 * protocol and targetPort, cluster IP, IP families, traffic policies and node ports. On update a
 * write that omits the allocated values keeps them, as the real registry does.
 */
final class ServiceDefaults {
  private final ClusterIpAllocator allocator;

  ServiceDefaults(ClusterIpAllocator allocator) {
    this.allocator = allocator;
  }

  /** @param previous the stored Service on update, null on create */
  void apply(ObjectNode spec, ObjectNode previousSpec) {
    Defaults.text(spec, "type", "ClusterIP");
    String type = spec.path("type").asText();
    boolean externalName = type.equals("ExternalName");
    Defaults.text(spec, "sessionAffinity", "None");
    JsonNode ports = spec.get("ports");
    if (ports != null && ports.isArray()) {
      for (JsonNode p : ports) {
        if (p instanceof ObjectNode port) {
          Defaults.text(port, "protocol", "TCP");
          JsonNode target = port.get("targetPort");
          if (target == null || target.isNull() || target.asText().isEmpty()
              || (target.isNumber() && target.asInt() == 0)) {
            port.set("targetPort", port.get("port"));
          }
        }
      }
    }
    if (externalName) {
      return;
    }
    if (previousSpec != null && Defaults.absent(spec, "clusterIP")
        && !previousSpec.path("type").asText().equals("ExternalName")) {
      copy(previousSpec, spec, "clusterIP");
      copy(previousSpec, spec, "clusterIPs");
    }
    String clusterIp = spec.path("clusterIP").asText("");
    if (clusterIp.isEmpty()) {
      clusterIp = allocator.allocateIp();
      spec.put("clusterIP", clusterIp);
    } else if (!clusterIp.equals("None")) {
      allocator.reserveIp(clusterIp);
    }
    if (!(spec.get("clusterIPs") instanceof ArrayNode ips) || ips.isEmpty()) {
      spec.putArray("clusterIPs").add(clusterIp);
    }
    if (!(spec.get("ipFamilies") instanceof ArrayNode families) || families.isEmpty()) {
      spec.putArray("ipFamilies").add("IPv4");
    }
    Defaults.text(spec, "ipFamilyPolicy", "SingleStack");
    Defaults.text(spec, "internalTrafficPolicy", "Cluster");
    if (type.equals("NodePort") || type.equals("LoadBalancer")) {
      Defaults.text(spec, "externalTrafficPolicy", "Cluster");
      if (type.equals("LoadBalancer")) {
        Defaults.bool(spec, "allocateLoadBalancerNodePorts", true);
      }
      nodePorts(spec, previousSpec);
    }
  }

  private void nodePorts(ObjectNode spec, ObjectNode previousSpec) {
    JsonNode ports = spec.get("ports");
    if (ports == null || !ports.isArray()) {
      return;
    }
    for (JsonNode p : ports) {
      if (!(p instanceof ObjectNode port)) {
        continue;
      }
      if (port.path("nodePort").asInt(0) == 0 && previousSpec != null) {
        int kept = previousNodePort(previousSpec, port);
        if (kept > 0) {
          port.put("nodePort", kept);
        }
      }
      int nodePort = port.path("nodePort").asInt(0);
      if (nodePort == 0) {
        port.put("nodePort", allocator.allocateNodePort());
      } else {
        allocator.reserveNodePort(nodePort);
      }
    }
  }

  private static int previousNodePort(ObjectNode previousSpec, ObjectNode port) {
    for (JsonNode old : previousSpec.path("ports")) {
      if (old.path("port").asInt() == port.path("port").asInt()
          && old.path("protocol").asText("TCP").equals(port.path("protocol").asText("TCP"))) {
        return old.path("nodePort").asInt(0);
      }
    }
    return 0;
  }

  private static void copy(ObjectNode from, ObjectNode to, String field) {
    if (from.hasNonNull(field)) {
      to.set(field, from.get(field).deepCopy());
    }
  }
}
