package dev.converge.sandbox.controllers.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * FakeNodes registers the sandbox's nodes {@code node-1..node-N} (Ready, with addresses and
 * capacity, so {@code kubectl get nodes} looks like a small cluster) and spreads pods over them.
 */
public final class FakeNodes {
  private final List<String> names;
  private final AtomicInteger next = new AtomicInteger();

  public FakeNodes(int count) {
    List<String> n = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      n.add("node-" + i);
    }
    this.names = List.copyOf(n);
  }

  public List<String> names() {
    return names;
  }

  /** Round robin: a scheduler that spreads pods evenly. */
  public String pick() {
    return names.get(Math.floorMod(next.getAndIncrement(), names.size()));
  }

  /** InternalIP of a node; only data (nothing listens there), like a kind node's address. */
  public String addressOf(String node) {
    int i = names.indexOf(node);
    return "172.18.0." + (i < 0 ? 250 : i + 2);
  }

  /** Creates the nodes that do not exist yet, then reports them Ready through /status. */
  public void register(KubernetesClient client, String now) {
    for (String name : names) {
      if (client.nodes().withName(name).get() != null) {
        continue;
      }
      Node node = new NodeBuilder().withNewMetadata().withName(name)
          .withLabels(Map.of("kubernetes.io/hostname", name, "kubernetes.io/os", "linux",
              "kubernetes.io/arch", "amd64"))
          .endMetadata().withNewSpec().withPodCIDR("10.244." + names.indexOf(name) + ".0/24")
          .endSpec().build();
      Node created = client.nodes().resource(node).create();
      Map<String, Quantity> capacity = Map.of("cpu", new Quantity("4"),
          "memory", new Quantity("8Gi"), "pods", new Quantity("110"));
      created.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder()
          .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
          .withMessage("kubelet is posting ready status").withLastHeartbeatTime(now)
          .withLastTransitionTime(now).endCondition()
          .addNewAddress().withType("InternalIP").withAddress(addressOf(name)).endAddress()
          .addNewAddress().withType("Hostname").withAddress(name).endAddress()
          .withCapacity(capacity).withAllocatable(capacity)
          .withNewNodeInfo().withKubeletVersion("v1.33.1").withContainerRuntimeVersion(
              "containerd://1.7.27").withOperatingSystem("linux").withArchitecture("amd64")
          .withOsImage("Converge sandbox").withKernelVersion("6.1.0")
          .withMachineID(name).withSystemUUID(name).withBootID(name)
          .withKubeProxyVersion("").endNodeInfo().build());
      client.nodes().resource(created).updateStatus();
    }
  }
}
