package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Readiness;

/** ServiceReader: CURRENT once it exists, except a LoadBalancer waits for an ingress address. */
final class ServiceReader implements KindReader {

  @Override
  public Readiness read(JsonNode obj, ReadContext ctx) {
    if (!"LoadBalancer".equals(Fields.text(obj, "spec", "type"))) {
      return Readiness.current("ServiceExists", "service exists");
    }
    for (JsonNode ingress : Fields.at(obj, "status", "loadBalancer", "ingress")) {
      String address = Fields.text(ingress, "ip");
      if (address.isEmpty()) {
        address = Fields.text(ingress, "hostname");
      }
      if (!address.isEmpty()) {
        return Readiness.current("LoadBalancerReady", "load balancer at " + address);
      }
    }
    return Readiness.inProgress("AwaitingLoadBalancer", "waiting for a load balancer address");
  }
}
