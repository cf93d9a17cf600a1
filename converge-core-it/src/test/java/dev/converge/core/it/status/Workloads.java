package dev.converge.core.it.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.Map;

/** Workloads builds one small object of each workload kind, running {@code image}. */
final class Workloads {
  private Workloads() {}

  /** The plural resource name the sandbox's controller controls are keyed by. */
  static String resource(String kind) {
    return switch (kind) {
      case "Deployment" -> "deployments";
      case "StatefulSet" -> "statefulsets";
      case "DaemonSet" -> "daemonsets";
      case "ReplicaSet" -> "replicasets";
      case "Job" -> "jobs";
      default -> throw new IllegalArgumentException("not a workload kind: " + kind);
    };
  }

  static HasMetadata of(String kind, String ns, String name, String image) {
    Map<String, String> labels = Map.of("app", name);
    var selector = new LabelSelectorBuilder().withMatchLabels(labels).build();
    PodTemplateSpec template =
        new PodTemplateSpecBuilder()
            .withNewMetadata().withLabels(labels).endMetadata()
            .withNewSpec()
            .addNewContainer().withName("app").withImage(image).endContainer()
            .withRestartPolicy("Job".equals(kind) ? "Never" : "Always")
            .endSpec()
            .build();
    return switch (kind) {
      case "Deployment" ->
          new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
              .withNewSpec().withReplicas(2).withSelector(selector).withTemplate(template)
              .endSpec().build();
      case "StatefulSet" ->
          new StatefulSetBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
              .withNewSpec().withReplicas(2).withServiceName(name).withSelector(selector)
              .withTemplate(template).endSpec().build();
      case "DaemonSet" ->
          new DaemonSetBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
              .withNewSpec().withSelector(selector).withTemplate(template).endSpec().build();
      case "ReplicaSet" ->
          new ReplicaSetBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
              .withNewSpec().withReplicas(2).withSelector(selector).withTemplate(template)
              .endSpec().build();
      case "Job" ->
          new JobBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
              .withNewSpec().withTtlSecondsAfterFinished(0).withTemplate(template).endSpec()
              .build();
      default -> throw new IllegalArgumentException("not a workload kind: " + kind);
    };
  }
}
