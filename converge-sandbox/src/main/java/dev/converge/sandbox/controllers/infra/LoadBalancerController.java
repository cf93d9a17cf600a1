package dev.converge.sandbox.controllers.infra;

import dev.converge.sandbox.controllers.runtime.Reconciler;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LoadBalancerController gives each Service of type LoadBalancer an ingress address, as a cloud
 * provider would, and takes it back when the type changes. Addresses come from 192.0.2.0/24
 * (TEST-NET-1, reserved for documentation): they are data only and nothing listens there.
 */
public final class LoadBalancerController implements Reconciler {
  private static final int FIRST_HOST = 10;
  private static final int LAST_HOST = 254;

  private final KubernetesClient client;
  private final Map<String, String> addresses = new HashMap<>();
  private int next = FIRST_HOST;

  public LoadBalancerController(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public String kind() {
    return "services";
  }

  @Override
  public Optional<Duration> reconcile(String namespace, String name) {
    Service svc = client.services().inNamespace(namespace).withName(name).get();
    if (svc == null) {
      release(namespace + "/" + name);
      return Optional.empty();
    }
    boolean wantsAddress = "LoadBalancer".equals(svc.getSpec().getType());
    List<LoadBalancerIngress> ingress = svc.getStatus() == null
        || svc.getStatus().getLoadBalancer() == null ? List.of()
        : svc.getStatus().getLoadBalancer().getIngress();
    if (wantsAddress == !ingress.isEmpty()) {
      return Optional.empty();
    }
    LoadBalancerStatus lb = new LoadBalancerStatus();
    if (wantsAddress) {
      LoadBalancerIngress address = new LoadBalancerIngress();
      address.setIp(addressOf(namespace + "/" + name));
      address.setIpMode("VIP");
      lb.setIngress(List.of(address));
    }
    ServiceStatus status = svc.getStatus() == null ? new ServiceStatus() : svc.getStatus();
    status.setLoadBalancer(lb);
    svc.setStatus(status);
    client.services().inNamespace(namespace).resource(svc).updateStatus();
    return Optional.empty();
  }

  /**
   * The address of a Service, allocated on first use. Workers reconcile different Services at
   * once and all draw from one pool, so allocation is serialised here (and only here).
   */
  private synchronized String addressOf(String service) {
    return addresses.computeIfAbsent(service, k -> allocate());
  }

  private synchronized void release(String service) {
    addresses.remove(service);
  }

  private String allocate() {
    int host = next;
    next = next >= LAST_HOST ? FIRST_HOST : next + 1;
    return "192.0.2." + host;
  }
}
