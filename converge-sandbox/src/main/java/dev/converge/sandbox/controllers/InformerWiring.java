package dev.converge.sandbox.controllers;

import dev.converge.sandbox.controllers.runtime.Key;
import dev.converge.sandbox.controllers.runtime.Owners;
import dev.converge.sandbox.controllers.runtime.WorkQueue;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * InformerWiring turns watch events into work: an event for an object queues that object for its
 * own controller and its controlling owner (a pod's ReplicaSet, a ReplicaSet's Deployment), as
 * client-go's owner-enqueueing handlers do. A node event queues every DaemonSet; a pod event
 * queues the claims it mounts (WaitForFirstConsumer binding waits for them).
 */
final class InformerWiring {
  private final KubernetesClient client;
  private final WorkQueue queue;
  private final List<SharedIndexInformer<?>> started;

  InformerWiring(KubernetesClient client, WorkQueue queue, List<SharedIndexInformer<?>> started) {
    this.client = client;
    this.queue = queue;
    this.started = started;
  }

  void start() {
    SharedIndexInformer<DaemonSet> daemonSets =
        inform(client.apps().daemonSets().inAnyNamespace(), "daemonsets", ds -> {});
    inform(client.pods().inAnyNamespace(), "pods", this::claimsOf);
    inform(client.apps().replicaSets().inAnyNamespace(), "replicasets", x -> {});
    inform(client.apps().deployments().inAnyNamespace(), "deployments", x -> {});
    inform(client.apps().statefulSets().inAnyNamespace(), "statefulsets", x -> {});
    inform(client.batch().v1().jobs().inAnyNamespace(), "jobs", x -> {});
    inform(client.services().inAnyNamespace(), "services", x -> {});
    inform(client.persistentVolumeClaims().inAnyNamespace(), "persistentvolumeclaims", x -> {});
    inform(client.nodes(), "nodes", node -> daemonSets.getStore().list().forEach(
        ds -> queue.add(key("daemonsets", ds))));
  }

  private void claimsOf(Pod pod) {
    if (pod.getSpec() == null) {
      return;
    }
    pod.getSpec().getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null)
        .forEach(v -> queue.add(new Key("persistentvolumeclaims",
            pod.getMetadata().getNamespace(), v.getPersistentVolumeClaim().getClaimName())));
  }

  private <T extends HasMetadata> SharedIndexInformer<T> inform(Informable<T> source,
      String kind, Consumer<T> also) {
    SharedIndexInformer<T> informer = source.inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        changed(obj);
      }

      @Override
      public void onUpdate(T before, T after) {
        if (!Objects.equals(before.getMetadata().getResourceVersion(),
            after.getMetadata().getResourceVersion())) {
          changed(after);
        }
      }

      @Override
      public void onDelete(T obj, boolean unknownFinalState) {
        changed(obj);
      }

      private void changed(T obj) {
        queue.add(key(kind, obj));
        Owners.controllerOf(obj).ifPresent(owner -> queue.add(new Key(
            Owners.plural(owner.getKind()), obj.getMetadata().getNamespace(),
            owner.getName())));
        also.accept(obj);
      }
    });
    started.add(informer);
    return informer;
  }

  private static Key key(String kind, HasMetadata obj) {
    return new Key(kind, obj.getMetadata().getNamespace(), obj.getMetadata().getName());
  }
}
