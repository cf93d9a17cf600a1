package dev.converge.sandbox.controllers.infra;

import dev.converge.sandbox.controllers.runtime.Reconciler;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * ClaimBinder provisions a PersistentVolume for each pending claim and binds the two, as a
 * dynamic provisioner and the PV controller would. A claim whose StorageClass has
 * {@code volumeBindingMode: WaitForFirstConsumer} waits until a pod mounts it.
 */
public final class ClaimBinder implements Reconciler {
  static final String PROVISIONER = "converge.dev/sandbox-provisioner";
  private static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";

  private final KubernetesClient client;

  public ClaimBinder(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public String kind() {
    return "persistentvolumeclaims";
  }

  @Override
  public Optional<Duration> reconcile(String namespace, String name) {
    PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(namespace)
        .withName(name).get();
    if (pvc == null || pvc.getMetadata().getDeletionTimestamp() != null
        || (pvc.getStatus() != null && "Bound".equals(pvc.getStatus().getPhase()))) {
      return Optional.empty();
    }
    Optional<StorageClass> sc = storageClass(pvc);
    Optional<Pod> consumer = consumer(pvc);
    if (sc.map(c -> "WaitForFirstConsumer".equals(c.getVolumeBindingMode())).orElse(false)
        && consumer.isEmpty()) {
      if (pvc.getStatus() == null || pvc.getStatus().getPhase() == null) {
        pvc.setStatus(new PersistentVolumeClaimStatus());
        pvc.getStatus().setPhase("Pending");
        client.persistentVolumeClaims().inNamespace(namespace).resource(pvc).updateStatus();
      }
      return Optional.empty();
    }
    PersistentVolume pv = provision(pvc, sc.map(c -> c.getMetadata().getName())
        .orElse(pvc.getSpec().getStorageClassName()));
    Map<String, String> annotations = new HashMap<>(pvc.getMetadata().getAnnotations());
    annotations.put("pv.kubernetes.io/bind-completed", "yes");
    annotations.put("pv.kubernetes.io/bound-by-controller", "yes");
    annotations.put("volume.kubernetes.io/storage-provisioner",
        sc.map(StorageClass::getProvisioner).orElse(PROVISIONER));
    consumer.map(p -> p.getSpec().getNodeName()).ifPresent(
        node -> annotations.put("volume.kubernetes.io/selected-node", node));
    pvc.getMetadata().setAnnotations(annotations);
    pvc.getSpec().setVolumeName(pv.getMetadata().getName());
    PersistentVolumeClaim bound = client.persistentVolumeClaims().inNamespace(namespace)
        .resource(pvc).update();
    PersistentVolumeClaimStatus status = new PersistentVolumeClaimStatus();
    status.setPhase("Bound");
    status.setAccessModes(pv.getSpec().getAccessModes());
    status.setCapacity(pv.getSpec().getCapacity());
    bound.setStatus(status);
    client.persistentVolumeClaims().inNamespace(namespace).resource(bound).updateStatus();
    return Optional.empty();
  }

  private PersistentVolume provision(PersistentVolumeClaim pvc, String storageClass) {
    String name = "pvc-" + pvc.getMetadata().getUid();
    PersistentVolume existing = client.persistentVolumes().withName(name).get();
    if (existing != null) {
      return existing;
    }
    Quantity size = pvc.getSpec().getResources() == null ? null
        : pvc.getSpec().getResources().getRequests().get("storage");
    PersistentVolume pv = new PersistentVolumeBuilder().withNewMetadata().withName(name)
        .withAnnotations(Map.of("pv.kubernetes.io/provisioned-by", PROVISIONER)).endMetadata()
        .withNewSpec().withCapacity(Map.of("storage", size == null ? new Quantity("1Gi") : size))
        .withAccessModes(pvc.getSpec().getAccessModes())
        .withPersistentVolumeReclaimPolicy("Delete").withStorageClassName(storageClass)
        .withVolumeMode(pvc.getSpec().getVolumeMode())
        .withNewHostPath().withPath("/var/lib/converge-sandbox/" + name).endHostPath()
        .withNewClaimRef().withApiVersion("v1").withKind("PersistentVolumeClaim")
        .withNamespace(pvc.getMetadata().getNamespace()).withName(pvc.getMetadata().getName())
        .withUid(pvc.getMetadata().getUid())
        .withResourceVersion(pvc.getMetadata().getResourceVersion()).endClaimRef()
        .endSpec().build();
    try {
      PersistentVolume created = client.persistentVolumes().resource(pv).create();
      created.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeStatus());
      created.getStatus().setPhase("Bound");
      return client.persistentVolumes().resource(created).updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return client.persistentVolumes().withName(name).get();
      }
      throw e;
    }
  }

  private Optional<StorageClass> storageClass(PersistentVolumeClaim pvc) {
    String name = pvc.getSpec().getStorageClassName();
    if (name != null) {
      return name.isEmpty() ? Optional.empty()
          : Optional.ofNullable(client.storage().v1().storageClasses().withName(name).get());
    }
    return client.storage().v1().storageClasses().list().getItems().stream()
        .filter(c -> "true".equals(c.getMetadata().getAnnotations().get(DEFAULT_CLASS)))
        .findFirst();
  }

  private Optional<Pod> consumer(PersistentVolumeClaim pvc) {
    String claim = pvc.getMetadata().getName();
    return client.pods().inNamespace(pvc.getMetadata().getNamespace()).list().getItems().stream()
        .filter(p -> p.getSpec().getVolumes().stream().anyMatch(v ->
            v.getPersistentVolumeClaim() != null
                && claim.equals(v.getPersistentVolumeClaim().getClaimName())))
        .findFirst();
  }
}
