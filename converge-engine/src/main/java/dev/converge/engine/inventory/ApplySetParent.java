package dev.converge.engine.inventory;

import dev.converge.engine.manifest.ManifestObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The parent Secret of an ApplySet and the pure rules around it: its id, the Secret to apply, the
 * part-of label stamped on members, the contents a desired set needs.
 */
public record ApplySetParent(String namespace, String name, String tooling) {

  /** Converge's tooling value; kubectl refuses to take over a set whose tooling is not its own. */
  public static final String TOOLING = "converge/v0.1.0";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  public ApplySetParent {
    Objects.requireNonNull(namespace, "namespace == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(tooling, "tooling == null");
  }

  public static ApplySetParent secret(String namespace, String name) {
    return new ApplySetParent(namespace, name, TOOLING);
  }

  /** The set's id: the parent's id label, every member's part-of label. */
  public String id() {
    return ApplySetId.of("", "Secret", namespace, name);
  }

  /** The parent Secret as it is applied: id label, tooling and contents annotations, no data. */
  public Secret toSecret(ApplySetContents contents) {
    return new SecretBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name)
        .withLabels(Map.of(ApplySetKeys.ID_LABEL, id()))
        .withAnnotations(contents.annotations(tooling))
        .endMetadata()
        .build();
  }

  /** What {@code desired} needs listed: its group-kinds and its namespaces other than the parent's. */
  public ApplySetContents contentsOf(List<ManifestObject> desired) {
    return new ApplySetContents(
        desired.stream().map(o -> new GroupKind(o.group(), Objects.requireNonNull(o.kind(), "kind")))
            .collect(Collectors.toCollection(TreeSet::new)),
        desired.stream().map(ManifestObject::namespace).filter(Objects::nonNull)
            .filter(ns -> !ns.equals(namespace)).collect(Collectors.toCollection(TreeSet::new)));
  }

  /** Copies of {@code desired} carrying the part-of label; the objects passed in are not modified. */
  public List<ManifestObject> stamp(List<ManifestObject> desired) {
    return desired.stream().map(this::stamp).toList();
  }

  private ManifestObject stamp(ManifestObject object) {
    GenericKubernetesResource copy = SERIALIZATION.clone(object.resource());
    Map<String, String> labels = copy.getMetadata().getLabels() == null
        ? new HashMap<>() : new HashMap<>(copy.getMetadata().getLabels());
    labels.put(ApplySetKeys.PART_OF_LABEL, id());
    copy.getMetadata().setLabels(labels);
    return new ManifestObject(copy, object.source());
  }

  /** Whether {@code labels} mark an object as a member of this set. */
  public boolean isMember(Map<String, String> labels) {
    return labels != null && id().equals(labels.get(ApplySetKeys.PART_OF_LABEL));
  }

  /** The part-of selector, for listing members. */
  public String memberSelector() {
    return ApplySetKeys.PART_OF_LABEL + "=" + id();
  }
}
