package dev.converge.sandbox.controllers;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;

/** Test objects: small workloads whose pods run {@code image}, in a fresh namespace each. */
final class Workloads {
  private Workloads() {}

  /**
   * A strategic merge patch setting one container's image. Unlike fabric8's {@code edit}, it
   * carries no resourceVersion, so it cannot lose a race with a controller writing the object.
   */
  static PatchContext strategic() {
    return PatchContext.of(PatchType.STRATEGIC_MERGE);
  }

  static String imagePatch(String container, String image) {
    return "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"" + container
        + "\",\"image\":\"" + image + "\"}]}}}}";
  }

  static String namespace(KubernetesClient client, String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).create();
    return name;
  }

  static PodTemplateSpec template(String app, String image) {
    return new PodTemplateSpecBuilder().withNewMetadata().withLabels(Map.of("app", app))
        .endMetadata().withNewSpec().addNewContainer().withName("main").withImage(image)
        .endContainer().endSpec().build();
  }

  static Deployment deployment(String name, int replicas, String image) {
    return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector()
        .withMatchLabels(Map.of("app", name)).endSelector()
        .withTemplate(template(name, image)).endSpec().build();
  }

  static Deployment rolling(String name, int replicas, String image, int maxSurge,
      int maxUnavailable) {
    return new DeploymentBuilder(deployment(name, replicas, image)).editSpec().withNewStrategy()
        .withType("RollingUpdate").withNewRollingUpdate()
        .withMaxSurge(new IntOrString(maxSurge)).withMaxUnavailable(new IntOrString(maxUnavailable))
        .endRollingUpdate().endStrategy().endSpec().build();
  }

  static StatefulSet statefulSet(String name, int replicas, String image) {
    return new StatefulSetBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(replicas).withServiceName(name).withNewSelector()
        .withMatchLabels(Map.of("app", name)).endSelector()
        .withTemplate(template(name, image)).endSpec().build();
  }
}
