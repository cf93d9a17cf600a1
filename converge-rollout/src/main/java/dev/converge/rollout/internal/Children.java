package dev.converge.rollout.internal;

import dev.converge.rollout.api.NodeDeployment;
import dev.converge.rollout.api.NodeTemplate;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Children builds the objects a NodeDeployment owns: StatefulSet {@code <name>-<i>} (one
 * replica, OnDelete, so only the controller decides when a pod is replaced) per node and one
 * headless Service {@code <name>}. Pure.
 */
public final class Children {
  public static final String NAME_LABEL = "converge.dev/node-deployment";
  public static final String NODE_LABEL = "converge.dev/node";
  public static final String HASH_ANNOTATION = "converge.dev/template-hash";
  public static final String NODE_CONTAINER = "node";

  private Children() {}

  public static String statefulSetName(String ndName, int node) {
    return ndName + "-" + node;
  }

  /** The single pod of node {@code node}'s StatefulSet. */
  public static String podName(String ndName, int node) {
    return statefulSetName(ndName, node) + "-0";
  }

  public static StatefulSet statefulSet(NodeDeployment nd, int node, NodeTemplate template,
      String hash) {
    String name = nd.getMetadata().getName();
    Map<String, String> labels = Map.of(NAME_LABEL, name, NODE_LABEL, String.valueOf(node));
    List<EnvVar> env = new ArrayList<>();
    if (template.env() != null) {
      new TreeMap<>(template.env()).forEach((k, v) -> env.add(new EnvVar(k, v, null)));
    }
    List<ContainerPort> ports = template.ports() == null ? List.of() : template.ports().stream()
        .map(p -> new ContainerPortBuilder().withName("p" + p).withContainerPort(p).build())
        .toList();
    ContainerBuilder main = new ContainerBuilder().withName(NODE_CONTAINER)
        .withImage(template.image()).withEnv(env).withPorts(ports);
    if (template.resources() != null && !template.resources().isEmpty()) {
      Map<String, Quantity> q = new TreeMap<>();
      template.resources().forEach((k, v) -> q.put(k, new Quantity(v)));
      main.withNewResources().withRequests(q).endResources();
    }
    List<io.fabric8.kubernetes.api.model.Container> containers = new ArrayList<>();
    containers.add(main.build());
    if (template.sidecarImage() != null) {
      containers.add(new ContainerBuilder().withName("sidecar")
          .withImage(template.sidecarImage()).build());
    }
    return new StatefulSetBuilder()
        .withNewMetadata().withName(statefulSetName(name, node))
        .withNamespace(nd.getMetadata().getNamespace()).withLabels(labels)
        .withOwnerReferences(owner(nd)).endMetadata()
        .withNewSpec().withReplicas(1).withServiceName(name)
        .withNewSelector().withMatchLabels(labels).endSelector()
        .withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy()
        .withNewTemplate().withNewMetadata().withLabels(labels)
        .withAnnotations(Map.of(HASH_ANNOTATION, hash)).endMetadata()
        .withNewSpec().withContainers(containers).endSpec().endTemplate()
        .endSpec().build();
  }

  public static Service headlessService(NodeDeployment nd) {
    String name = nd.getMetadata().getName();
    NodeTemplate t = nd.getSpec().template();
    List<io.fabric8.kubernetes.api.model.ServicePort> ports = t.ports() == null ? List.of()
        : t.ports().stream().map(p -> new ServicePortBuilder().withName("p" + p).withPort(p)
            .build()).toList();
    return new ServiceBuilder().withNewMetadata().withName(name)
        .withNamespace(nd.getMetadata().getNamespace()).withLabels(Map.of(NAME_LABEL, name))
        .withOwnerReferences(owner(nd)).endMetadata()
        .withNewSpec().withClusterIP("None").withSelector(Map.of(NAME_LABEL, name))
        .withPorts(ports).endSpec().build();
  }

  static OwnerReference owner(NodeDeployment nd) {
    return new OwnerReferenceBuilder().withApiVersion(nd.getApiVersion()).withKind(nd.getKind())
        .withName(nd.getMetadata().getName()).withUid(nd.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }
}
